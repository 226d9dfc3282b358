import type {
  VendorHttp,
  VendorName,
  VendorRequest,
  VendorResponse,
} from '../../src/transport/types.js';

type Reply = { status?: number; body?: unknown; headers?: VendorResponse['headers'] } | Error;

/** A VendorHttp that records requests and answers canned replies, in order. */
export class FakeHttp implements VendorHttp {
  readonly requests: VendorRequest[] = [];
  readonly #replies: Reply[] = [];

  constructor(readonly vendor: VendorName) {}

  reply(...replies: Reply[]): this {
    this.#replies.push(...replies);
    return this;
  }

  get last(): VendorRequest {
    const req = this.requests.at(-1);
    if (!req) throw new Error('no request made');
    return req;
  }

  async request(req: VendorRequest): Promise<VendorResponse> {
    this.requests.push(req);
    const reply = this.#replies.shift();
    if (reply === undefined) throw new Error(`no reply queued for ${req.operation}`);
    if (reply instanceof Error) throw reply;
    return { status: reply.status ?? 200, headers: reply.headers ?? {}, body: reply.body };
  }
}

/** The query as the transport sends it: arrays repeat the name, null and undefined are left out. */
export function queryString(req: VendorRequest): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(req.query ?? {})) {
    if (value === null || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  }
  return params.toString();
}

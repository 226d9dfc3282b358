// What an attempt's answer (or its absence) means in the gateway's terms: a response, or a typed
// VendorError whose kind decides what clients see and whether the vendor's circuit counts it.
// Every vendor's error is made here, so what a vendor says is redacted and bounded here too.
import type { AbortCause } from './deadline.js';
import { abortCause } from './deadline.js';
import { registerSecrets, secretsOf, vendorCode, vendorText } from './redact.js';
import type { AttemptOutcome } from './retry-policy.js';
import { retryAfterOf } from './retry-policy.js';
import type { VendorProfile, VendorRequest, VendorResponse } from './types.js';
import type { VendorErrorKind } from './vendor-error.js';
import { VendorError } from './vendor-error.js';
import type { WireAnswer } from './wire.js';

const STATUS_KINDS: Record<number, VendorErrorKind> = {
  400: 'bad_request',
  401: 'auth',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'bad_request',
  429: 'rate_limited',
};

/** undici error codes (and errno codes) that mean the vendor could not be reached or hung up. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** A failed attempt: the error it ends in, how it failed (for the retry policy), its headers. */
export class AttemptFailure {
  constructor(
    readonly error: VendorError,
    readonly outcome: AttemptOutcome,
    /** The vendor's answer headers, when it answered. */
    readonly headers?: VendorResponse['headers'],
  ) {}

  /**
   * The client went away: nothing to learn about the vendor. (An attempt still on the wire at the
   * request's deadline is not abandoned: not answering in time counts like a timeout.)
   */
  get abandoned(): boolean {
    return this.outcome === 'cancelled';
  }
}

/** Whether a failed attempt counts against the vendor's circuit. */
export function isVendorFault(failure: AttemptFailure): boolean {
  if (failure.abandoned) return false;
  const { kind } = failure.error;
  // 5xx and network failures are `unavailable`; a 4xx or a 429 comes from a vendor that works.
  return kind === 'unavailable' || kind === 'timeout' || kind === 'bad_response';
}

/** Turns one vendor's answers into responses and VendorErrors. */
export class Classifier {
  private readonly secrets: string[];

  constructor(
    private readonly profile: VendorProfile,
    /** The vendor's name in messages. */
    private readonly name: string,
    /** The attempt timeout, named in timeout errors. */
    private readonly timeoutMs: number,
  ) {
    this.secrets = secretsOf(profile.authHeaders());
    registerSecrets(this.secrets);
  }

  /** The response of a 2xx answer with a JSON (or empty) body; throws an AttemptFailure else. */
  answer(req: VendorRequest, answer: WireAnswer): VendorResponse {
    const { status, headers } = answer;
    const parsed = parseBody(answer.text);
    if (status >= 200 && status < 300) {
      if (parsed.kind === 'text') {
        throw new AttemptFailure(
          this.error(req, 'bad_response', `answered ${status} with a body that is not JSON`, {
            status,
          }),
          'not_json',
          headers,
        );
      }
      return { status, headers, body: parsed.value };
    }
    throw this.statusFailure(req, status, headers, parsed.value);
  }

  /** An attempt that got no complete answer; `duringBody`: the headers had come. */
  networkFailure(req: VendorRequest, cause: unknown, duringBody: boolean): AttemptFailure {
    const code = (cause as { code?: string } | null)?.code ?? '';
    const timedOut = TIMEOUT_CODES.has(code);
    if (req.signal?.aborted && !timedOut) {
      // Not answered by the request's deadline counts against the vendor like a timeout; a
      // client that went away says nothing about it.
      const cause = abortCause(req.signal);
      return new AttemptFailure(
        this.abandonedError(req, cause),
        cause === 'deadline' ? 'deadline' : 'cancelled',
      );
    }
    if (timedOut) {
      return new AttemptFailure(
        this.error(req, 'timeout', `did not answer within ${this.timeoutMs} ms`, {}),
        'timeout',
      );
    }
    if (duringBody || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
      return new AttemptFailure(
        this.error(req, 'bad_response', 'response body was cut off', {}),
        'cut_off',
      );
    }
    const known = NETWORK_CODES.has(code);
    return new AttemptFailure(
      this.error(req, 'unavailable', known ? `is unreachable (${code})` : 'request failed', {}),
      'unreachable',
    );
  }

  /** The error of a call the gateway stopped: at the request's deadline, or for a client gone. */
  abandonedError(req: VendorRequest, cause: AbortCause | undefined): VendorError {
    return cause === 'deadline'
      ? this.error(req, 'timeout', 'was stopped at the request deadline (REQUEST_DEADLINE_MS)', {})
      : this.error(req, 'unavailable', 'was cancelled: the client went away', {});
  }

  private statusFailure(
    req: VendorRequest,
    status: number,
    headers: VendorResponse['headers'],
    body: unknown,
  ): AttemptFailure {
    const now = Date.now();
    const vendorSays = this.profile.parseError(status, body);
    const kind: VendorErrorKind =
      STATUS_KINDS[status] ?? (status >= 500 ? 'unavailable' : 'bad_request');
    const vendorMessage = vendorText(vendorSays.message, this.secrets);
    const error = this.error(
      req,
      kind,
      `answered HTTP ${status}${vendorMessage ? `: ${vendorMessage}` : ''}`,
      {
        status,
        vendorCode: vendorCode(vendorSays.code, this.secrets),
        vendorMessage,
        retryAfter: retryAfterOf(status, headers, this.profile, now),
      },
    );
    return new AttemptFailure(error, status, headers);
  }

  private error(
    req: VendorRequest,
    kind: VendorErrorKind,
    what: string,
    extra: Partial<Pick<VendorError, 'status' | 'vendorCode' | 'vendorMessage' | 'retryAfter'>>,
  ): VendorError {
    return new VendorError({
      vendor: this.profile.vendor,
      kind,
      operation: req.operation,
      message: `${this.name} ${req.operation} ${what}`,
      ...definedOnly(extra),
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

type ParsedBody = { kind: 'json'; value: unknown } | { kind: 'text'; value: string | undefined };

/** Vendors document JSON bodies whatever their content-type says; text is only tolerated on errors. */
function parseBody(text: string): ParsedBody {
  if (text.length === 0) return { kind: 'json', value: undefined };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'text', value: text.slice(0, 2000) };
  }
}

import { seededRandom } from '../../../src/sandbox/random.js';
import type {
  Company,
  Person,
  SandboxRequest,
  SandboxResponse,
  VendorContext,
} from '../../../src/sandbox/types.js';
import { createUserHeroApp, type UserHeroApp } from '../../../src/sandbox/userhero/index.js';

export const API_KEY = 'sk_live_test_main';
export const OTHER_KEY = 'sk_live_test_other';
export const NOW = new Date('2026-06-01T12:00:00.000Z');

const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eva', 'Finn', 'Gia', 'Hugo', 'Ines', 'Jon'];
const LAST = ['Lovelace', 'Okafor', 'Nguyen', 'Patel', 'Schmidt', 'Rossi', 'Kowalski', 'Silva'];

/** A stand-in for the harness's seeded people: 500 people across 25 companies. */
export function testPeople(count = 500): Person[] {
  const companies: Company[] = Array.from({ length: 25 }, (_, i) => ({
    id: i.toString(16).padStart(24, '0'),
    name: `Company ${i}`,
  }));
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length] ?? 'Ada';
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Lovelace';
    const company = companies[i % companies.length] ?? companies[0]!;
    return {
      email: `${first}.${last}.${i}@company${i % 25}.example`.toLowerCase(),
      name: `${first} ${last}`,
      company,
      role: 'Manager',
      region: 'EMEA',
      department: 'Operations',
      userlaneUserId: `ul_${i}`,
      applicationUserId: `app_${i}`,
    };
  });
}

export function testContext(overrides: Partial<VendorContext> = {}): VendorContext {
  const people = testPeople();
  return {
    now: NOW,
    readings: {},
    random: seededRandom(42),
    scale: 1,
    people,
    companies: [...new Set(people.map((p) => p.company))],
    ...overrides,
  };
}

export function makeApp(rateLimitPerMinute = 100_000): UserHeroApp {
  return createUserHeroApp(testContext(), {
    apiKey: API_KEY,
    rateLimitPerMinute,
    otherApiKeys: [OTHER_KEY],
  });
}

export interface Send {
  query?: Record<string, string | number | boolean>;
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
  key?: string | null;
}

export interface Result {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response fields freely
  body: any;
}

/** One request straight into the app, the way the harness would build it. */
export async function call(
  app: UserHeroApp,
  method: string,
  path: string,
  send: Send = {},
): Promise<Result> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(send.query ?? {})) query.set(k, String(v));
  const headers: Record<string, string> = {};
  const key = send.key === undefined ? API_KEY : send.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: Buffer = Buffer.alloc(0);
  if (send.json !== undefined) {
    body = Buffer.from(JSON.stringify(send.json));
    headers['content-type'] = 'application/json';
  } else if (send.body !== undefined) {
    body = Buffer.isBuffer(send.body) ? send.body : Buffer.from(send.body);
  }
  for (const [k, v] of Object.entries(send.headers ?? {})) headers[k.toLowerCase()] = v;
  const req: SandboxRequest = { method, path, query, headers, body };
  const res: SandboxResponse = await app.handle(req);
  return { status: res.status, headers: res.headers ?? {}, body: res.body };
}

export function errorCode(result: Result): string | undefined {
  return result.body?.error?.code;
}

/** A multipart/form-data body the way fetch's FormData would frame it. */
export function multipart(
  fields: { name: string; value: string | Buffer; fileName?: string; contentType?: string }[],
): { body: Buffer; contentType: string } {
  const boundary = '----uhtest7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const field of fields) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"`;
    if (field.fileName !== undefined) head += `; filename="${field.fileName}"`;
    head += '\r\n';
    if (field.contentType) head += `Content-Type: ${field.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(field.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// Idempotency-Key replay store, one namespace per API key. The fingerprint covers method, path,
// query and body, so reusing a key for anything else is the documented 409.
import { createHash } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../types.js';

const TTL_MS = 24 * 3600 * 1000;

interface Entry {
  fingerprint: string;
  response: SandboxResponse;
  storedAt: number;
}

export type IdempotencyLookup =
  { kind: 'miss' } | { kind: 'replay'; response: SandboxResponse } | { kind: 'conflict' };

export function fingerprint(req: SandboxRequest): string {
  return createHash('sha256')
    .update(`${req.method} ${req.path}?${req.query.toString()}\n`)
    .update(req.body)
    .digest('hex');
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  lookup(apiKey: string, key: string, print: string, nowMs: number): IdempotencyLookup {
    const entry = this.entries.get(`${apiKey}\n${key}`);
    if (!entry || nowMs - entry.storedAt >= TTL_MS) return { kind: 'miss' };
    if (entry.fingerprint !== print) return { kind: 'conflict' };
    return { kind: 'replay', response: structuredClone(entry.response) };
  }

  save(apiKey: string, key: string, print: string, response: SandboxResponse, nowMs: number) {
    this.entries.set(`${apiKey}\n${key}`, {
      fingerprint: print,
      response: structuredClone(response),
      storedAt: nowMs,
    });
  }
}

// The tracer's trace and span ids (src/observability/span-ids.ts) against W3C Trace Context: a
// trace-id is 16 bytes and a parent-id 8, as lowercase hex, and all zeros is invalid in either.
import { randomFillSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockRandomIdGenerator } from '../../src/observability/span-ids.js';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

describe('trace and span ids', () => {
  it('are lowercase hex of 16 and 8 bytes, and never repeat across many blocks of random bytes', () => {
    const ids = new BlockRandomIdGenerator();
    const seen = new Set<string>();
    // 10,000 of each, 48 hex digits a pair: about 60 blocks of 4 KiB, so ids meet block ends.
    for (let i = 0; i < 10_000; i++) {
      const trace = ids.generateTraceId();
      const span = ids.generateSpanId();
      expect(trace).toMatch(TRACE_ID);
      expect(span).toMatch(SPAN_ID);
      seen.add(trace).add(span);
    }
    expect(seen.size).toBe(20_000);
  });

  it('uses every hex digit in every position (the bytes are random, not a counter)', () => {
    const ids = new BlockRandomIdGenerator();
    const digits = Array.from({ length: 32 }, () => new Set<string>());
    for (let i = 0; i < 2_000; i++) {
      [...ids.generateTraceId()].forEach((digit, at) => digits[at]!.add(digit));
    }
    for (const used of digits) expect(used.size).toBe(16);
  });

  it('draws again rather than hand out an all-zero id, whatever the mix of ids asked for', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 400 }), (asks) => {
        // A source whose first block is all zeros, then random: the zeros are never an id.
        let blocks = 0;
        const ids = new BlockRandomIdGenerator((bytes) => {
          if (blocks++ === 0) bytes.fill(0);
          else randomFillSync(bytes);
        });
        for (const trace of asks) {
          const id = trace ? ids.generateTraceId() : ids.generateSpanId();
          expect(id).toMatch(trace ? TRACE_ID : SPAN_ID);
          expect(/^0+$/.test(id)).toBe(false);
        }
        expect(blocks).toBeGreaterThan(1);
      }),
      { numRuns: 50 },
    );
  });
});

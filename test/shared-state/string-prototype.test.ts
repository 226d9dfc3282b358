// Loading ioredis puts String.prototype into V8's dictionary mode, which makes every string method
// call in the process a generic lookup (see src/shared-state/string-prototype.ts). Each case is
// a fresh process, as the state is the process's own; V8 itself says whether a prototype is fast.
import { describe, expect, it } from 'vitest';
import { probeFastProperties } from '../support/fast-properties.js';

describe('string methods after loading ioredis', () => {
  it('ioredis alone leaves String.prototype in dictionary mode (the defect the gateway undoes)', async () => {
    const steps = await probeFastProperties('ioredis');
    expect(steps.before).toEqual([]);
    // If this fails, ioredis no longer does it: src/shared-state/string-prototype.ts can go.
    expect(steps.loaded).toEqual(['String']);
  }, 60_000);

  it('the gateway keeps every primitive prototype fast, loaded, traced and serving vendor reads', async () => {
    const steps = await probeFastProperties('gateway');
    expect(steps.errors).toEqual([]);
    // Two SERVER spans and the feedback read's vendor calls were exported: the serialiser ran.
    expect(Number(steps.spans![0])).toBeGreaterThan(2);
    expect(steps.before).toEqual([]);
    expect(steps.loaded).toEqual([]);
    expect(steps.served).toEqual([]);
  }, 60_000);
});

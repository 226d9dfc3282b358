// The OpenTelemetry SDK's CommonJS exports are dictionaries in V8 as loaded, which makes each of
// its calls between its modules a generic lookup (see src/observability/sdk-exports.ts); a traced
// gateway has every one of them fast. Fresh processes; V8 itself says which objects are fast.
import { describe, expect, it } from 'vitest';
import { probeFastProperties } from '../support/fast-properties.js';

describe("the tracing SDK's module exports", () => {
  it('are dictionaries when the SDK is loaded alone (what the gateway undoes)', async () => {
    const steps = await probeFastProperties('otel');
    expect(Number(steps.sdkModules![0])).toBeGreaterThan(50);
    // If these become fast, the packages no longer compile to this: sdk-exports.ts can go.
    expect(steps.sdkLoaded).toEqual(
      expect.arrayContaining(['api/build/src/index.js', 'core/build/src/index.js']),
    );
  }, 60_000);

  it('are all fast in a traced gateway, once started and after serving and exporting spans', async () => {
    const steps = await probeFastProperties('gateway');
    expect(steps.errors).toEqual([]);
    expect(Number(steps.spans![0])).toBeGreaterThan(2);
    expect(Number(steps.sdkModules![0])).toBeGreaterThan(50);
    expect(steps.sdkLoaded).toEqual([]);
    expect(steps.sdkServed).toEqual([]);
  }, 60_000);
});

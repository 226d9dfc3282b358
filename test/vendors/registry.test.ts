import { describe, expect, it } from 'vitest';
import { CREDENTIAL_VARIABLES, DEFAULT_BASE_URLS, loadConfig } from '../../src/config.js';
import { VENDOR_WEIGHTS } from '../../src/cost/rules.js';
import { sourceOf } from '../../src/graphql-errors.js';
import type { VendorHttp } from '../../src/transport/types.js';
import { VENDOR_NAMES } from '../../src/transport/types.js';
import {
  SOURCE_VALUES,
  VENDOR_COUNT_WORD,
  VENDOR_SOURCES,
  vendorEntry,
  VENDORS,
} from '../../src/vendors/registry.js';

const http = (vendor: string): VendorHttp =>
  ({ vendor, request: () => Promise.reject(new Error('no calls')) }) as unknown as VendorHttp;

describe('the vendor registry', () => {
  it('names the same vendors as the transport, in the same order, once each', () => {
    expect(VENDORS.map((v) => v.name)).toEqual([...VENDOR_NAMES]);
    expect(new Set(VENDORS.map((v) => v.source)).size).toBe(VENDORS.length);
    for (const name of VENDOR_NAMES) expect(vendorEntry(name).name).toBe(name);
  });

  it('keeps the public values: Source enum, error vendor, weights, variables', () => {
    expect(VENDOR_SOURCES).toEqual(['USERLANE', 'USERLOOP', 'USERHERO', 'PLANHAT']);
    expect(Object.keys(SOURCE_VALUES)).toEqual(VENDOR_SOURCES);
    expect(VENDOR_NAMES.map(sourceOf)).toEqual(VENDOR_SOURCES);
    expect(VENDOR_WEIGHTS).toEqual({ userlane: 1, userloop: 1, userhero: 2, planhat: 1 });
    expect(VENDOR_COUNT_WORD).toBe('four');
    expect(CREDENTIAL_VARIABLES).toEqual([
      'USERLANE_API_TOKEN',
      'USERLOOP_API_KEY',
      'USERHERO_API_KEY',
      'PLANHAT_API_TOKEN',
    ]);
    expect(DEFAULT_BASE_URLS).toEqual({
      USERLANE_BASE_URL: 'https://api.userlane.com/analytics/public',
      USERLOOP_BASE_URL: 'https://api.userloop.io',
      USERHERO_BASE_URL: 'https://userhero.co/api/v1',
      PLANHAT_BASE_URL: 'https://api.planhat.com',
    });
  });

  it("builds each vendor's profile and client from its parsed configuration", () => {
    const config = loadConfig({
      USERLANE_API_TOKEN: 't',
      USERLANE_PROPERTY_ID: 'p',
      USERLOOP_API_KEY: 'k',
      USERHERO_API_KEY: 'k',
      PLANHAT_API_TOKEN: 't',
    });
    for (const entry of VENDORS) {
      const vendorConfig = config[entry.name];
      expect(vendorConfig, entry.name).toBeDefined();
      for (const variable of [entry.credentialVariable, entry.baseUrl.variable]) {
        expect(entry.variables).toContain(variable);
      }
      const profile = (entry.profile as (c: unknown) => ReturnType<typeof entry.profile>)(
        vendorConfig,
      );
      expect(profile.vendor).toBe(entry.name);
      expect(profile.baseUrl).toBe(entry.baseUrl.default);
      const client = (entry.client as (h: VendorHttp, c: unknown) => unknown)(
        http(entry.name),
        vendorConfig,
      );
      expect(client).toBeTruthy();
    }
  });

  it('publishes a rate budget for UserHero only', () => {
    const settings = { userheroRateLimit: 100 };
    expect(VENDORS.map((v) => ('budget' in v ? v.budget?.(settings) : undefined))).toEqual([
      undefined,
      undefined,
      { limit: 100, windowMs: 60_000 },
      undefined,
    ]);
  });
});

import { builder } from '../builder.js';
import { sourceOf } from '../graphql-errors.js';
import type { VendorName } from '../transport/types.js';
import { VENDOR_NAMES } from '../transport/types.js';
import { Source } from './source.js';

interface VendorShape {
  vendor: VendorName;
  enabled: boolean;
  sandbox: boolean;
  healthy: boolean | null;
  lastError: string | null;
}

const Vendor = builder.objectRef<VendorShape>('Vendor').implement({
  description: 'One upstream vendor, whether it is configured, and how its latest call went.',
  fields: (t) => ({
    source: t.field({ type: Source, nullable: false, resolve: (v) => sourceOf(v.vendor) }),
    enabled: t.exposeBoolean('enabled', {
      nullable: false,
      description: 'Credentials are configured; a disabled vendor answers VENDOR_DISABLED.',
    }),
    sandbox: t.exposeBoolean('sandbox', {
      nullable: false,
      description: 'Served by the embedded sandbox simulator rather than the real vendor.',
    }),
    healthy: t.exposeBoolean('healthy', {
      nullable: true,
      description: 'Whether the latest call succeeded; null before the first call.',
    }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Message of the latest failed call, if any.',
    }),
  }),
});

builder.queryField('vendors', (t) =>
  t.field({
    type: [Vendor],
    nullable: false,
    description: 'The four vendors behind the graph and their state.',
    resolve: (_root, _args, ctx) =>
      VENDOR_NAMES.map((vendor) => {
        const health = ctx.services.health.snapshot(vendor);
        return {
          vendor,
          enabled: ctx.services.enabledVendors().includes(vendor),
          sandbox: ctx.services.sandbox,
          healthy: health.healthy,
          lastError: health.lastError,
        };
      }),
  }),
);

import { cost } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { CircuitState } from '../../transport/breaker.js';
import { sourceOf } from '../../graphql-errors.js';
import type { VendorName } from '../../transport/types.js';
import { VENDOR_NAMES } from '../../transport/types.js';
import { VENDOR_COUNT_WORD, VENDORS } from '../../vendors/registry.js';
import type { SharingMode } from '../../shared-state/index.js';
import { Source } from './source.js';

interface VendorShape {
  vendor: VendorName;
  enabled: boolean;
  sandbox: boolean;
  healthy: boolean | null;
  lastError: string | null;
  circuit: CircuitState | null;
  budgetRemaining: number | null;
  sharing: SharingMode | null;
  sharingError: string | null;
}

const Sharing = builder.enumType('SharingMode', {
  description:
    "Whether a vendor's budget, circuit and caches are shared by the gateway's replicas.",
  values: {
    LOCAL: { description: 'REDIS_URL is not set: this process is the only replica.' },
    SHARED: {
      description: 'Shared through Redis: one rate budget per key, one circuit, one cache.',
    },
    FALLBACK: {
      description:
        'REDIS_URL is set but Redis does not answer: this replica spends its share of the budget (REPLICAS) and keeps its own caches until Redis is back.',
    },
  } as const,
});

const Circuit = builder.enumType('CircuitState', {
  description: "A vendor's circuit breaker.",
  values: {
    CLOSED: { description: 'Calls go through.' },
    OPEN: {
      description:
        'The vendor failed too many calls in a row: its fields fail fast with VENDOR_UNAVAILABLE until a probe succeeds.',
    },
    HALF_OPEN: { description: 'The next call is a probe that closes or re-opens the circuit.' },
  } as const,
});

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
    circuit: t.field({
      type: Circuit,
      nullable: true,
      description: "The vendor's circuit breaker; null when the vendor is disabled.",
      resolve: (v) => v.circuit,
    }),
    budgetRemaining: t.exposeInt('budgetRemaining', {
      nullable: true,
      description:
        "Calls the vendor's current rate window still allows by the gateway's count (UserHero: 100 a minute per key; with REDIS_URL, by all replicas' count, or this replica's share while Redis is away); null when the vendor publishes no limit or is disabled.",
    }),
    sharing: t.field({
      type: Sharing,
      nullable: true,
      description: 'Whether this replica shares the vendor with the others; null when disabled.',
      resolve: (v) => v.sharing,
    }),
    sharingError: t.exposeString('sharingError', {
      nullable: true,
      description: 'Why this replica runs on its fallback (FALLBACK); null otherwise.',
    }),
  }),
});

builder.queryField('vendors', (t) =>
  t.field({
    extensions: cost({ free: 'each vendor’s state in this process', listSize: VENDORS.length }),
    type: [Vendor],
    nullable: false,
    description: `The ${VENDOR_COUNT_WORD} vendors behind the graph and their state.`,
    resolve: (_root, _args, ctx) =>
      Promise.all(
        VENDOR_NAMES.map(async (vendor) => {
          const health = ctx.services.health.snapshot(vendor);
          const guards = ctx.services.guards(vendor);
          return {
            vendor,
            enabled: ctx.services.enabledVendors().includes(vendor),
            sandbox: ctx.services.sandbox,
            // An open circuit means the latest calls failed, whatever answered before them.
            healthy: guards?.circuit === 'OPEN' ? false : health.healthy,
            lastError: health.lastError,
            circuit: guards?.circuit ?? null,
            budgetRemaining: guards ? await guards.budgetNow() : null,
            sharing: guards?.sharing ?? null,
            sharingError:
              guards?.sharing === 'FALLBACK' ? ctx.services.shared.report().lastError : null,
          };
        }),
      ),
  }),
);

// Metrics and traces of one vendor's transport, behind the transport's own observer interface.
import type { AttemptStatus, AttemptWatch, TransportObserver } from '../transport/observer.js';
import type { VendorName, VendorRequest } from '../transport/types.js';
import type { GatewayMetrics } from './metrics.js';
import type { GatewayTracing, VendorTarget } from './tracing-types.js';

/** Undefined when neither metrics nor tracing is on: the transport then does nothing extra. */
export function transportObserver(options: {
  vendor: VendorName;
  baseUrl: string;
  metrics: GatewayMetrics | undefined;
  tracing: GatewayTracing | undefined;
}): TransportObserver | undefined {
  const { vendor, metrics, tracing } = options;
  if (!metrics && !tracing) return undefined;
  const url = new URL(options.baseUrl);
  const target: VendorTarget = {
    vendor,
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    basePath: url.pathname.replace(/\/$/, ''),
  };
  return {
    attempt(req: VendorRequest, attempt: number): AttemptWatch {
      const started = performance.now();
      const span = tracing?.attempt(target, req, attempt);
      return {
        headers: span?.headers,
        logFields: span?.logFields,
        end(status: AttemptStatus, errorType?: string) {
          metrics?.vendorAttempt(
            vendor,
            req.operation,
            status,
            (performance.now() - started) / 1000,
          );
          span?.end(status, errorType);
        },
        unsent(errorType: string) {
          span?.end('unsent', errorType);
        },
      };
    },
    retried: () => metrics?.vendorRetry(vendor),
    budgetWaited: (ms) => metrics?.vendorBudgetWait(vendor, ms / 1000),
    logFields: (req) => tracing?.logFields(req.signal) as Record<string, string> | undefined,
  };
}

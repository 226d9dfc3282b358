// The process's own metrics (CPU, memory, GC pauses, event-loop lag, handles): one set per
// process, however many gateways it runs, since they describe the process and not a gateway.
// prom-client's collectors cannot be stopped (each set holds a GC observer and an event-loop
// delay histogram), so a set per gateway outlived the gateway it was made for: N gateways made
// in one process (tests, an app that rebuilds its gateway) left N of each running.
import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | undefined;

/** The registry of the process's metrics, collected from the first call on. */
export function processMetrics(): Registry {
  if (shared === undefined) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}

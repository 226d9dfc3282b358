import type { ClientsReport } from '../scenarios/clients.js';
import type { DashboardReport } from '../scenarios/dashboards.js';
import type { ExportReport } from '../scenarios/export.js';
import type { FidelityReport } from '../scenarios/fidelity.js';
import type { ObservabilityReport } from '../scenarios/observability.js';
import type { OverheadReport } from '../scenarios/overhead.js';
import type { ParallelismReport } from '../scenarios/parallelism.js';
import type { PeerReadsReport } from '../scenarios/peer-reads.js';
import type { ReplicasRow } from '../scenarios/replicas.js';

export interface BenchReport {
  startedAt: string;
  minutes: number;
  machine: { node: string; cpus: number; cpuModel: string; memoryGiB: number };
  settings: {
    seconds: number;
    warmupSeconds: number;
    rounds: number;
    connections: number;
    scale: number;
    exportScale: number;
    seed: number;
    latencyMs: number;
    peer: string;
    gatewayNodeArgs: string;
  };
  peer?: { version: string } | { unavailable: string };
  idleRssMiB: { gateway?: number; mesh?: number; sandbox?: number };
  scenarios: {
    peer?: PeerReadsReport;
    dashboards?: DashboardReport[];
    overhead?: OverheadReport[];
    parallelism?: ParallelismReport[];
    export?: ExportReport;
    replicas?: ReplicasRow[];
    observability?: ObservabilityReport;
    clients?: ClientsReport[];
    fidelity?: FidelityReport;
  };
  failures: { scenario: string; error: string }[];
}

// Several replicas' shared state over one real Redis, all on one key prefix, each checked to share.
import { expect } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createSharedState, type SharedState } from '../../src/shared-state/index.js';

export async function sharedReplicas(options: {
  url: string;
  prefix: string;
  count: number;
  lockMs: number;
}): Promise<SharedState[]> {
  const { url, prefix, count, lockMs } = options;
  const states = Array.from({ length: count }, () =>
    createSharedState(
      { url, prefix, replicas: count, cacheMaxBytes: 1 << 20, cacheMaxEntries: 16 },
      { logger: silentLogger, lockMs },
    ),
  );
  await Promise.all(states.map((s) => s.ready(5000)));
  for (const state of states) expect(state.mode).toBe('SHARED');
  return states;
}

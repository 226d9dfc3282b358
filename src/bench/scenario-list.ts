// The benchmark's scenarios, by name or by number (1 = peer, in this order), for `--scenarios`.

export const SCENARIOS = [
  'peer',
  'dashboard',
  'overhead',
  'parallelism',
  'export',
  'replicas',
  'observability',
  'clients',
  'fidelity',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export function scenarioList(text: string): Set<Scenario> {
  if (text === 'all') return new Set(SCENARIOS);
  const out = new Set<Scenario>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const byNumber = /^\d+$/.test(part) ? SCENARIOS[Number(part) - 1] : undefined;
    const name = byNumber ?? SCENARIOS.find((s) => s === part || `${s}s` === part);
    if (!name) {
      throw new Error(
        `unknown scenario "${part}" (${SCENARIOS.join(', ')} or 1-${SCENARIOS.length})`,
      );
    }
    out.add(name);
  }
  return out;
}

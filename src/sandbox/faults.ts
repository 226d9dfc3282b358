import type { SandboxVendor } from './types.js';

export const SANDBOX_VENDORS: readonly SandboxVendor[] = [
  'userlane',
  'userloop',
  'userhero',
  'planhat',
];

export interface FaultRule {
  vendor: SandboxVendor | 'all';
  method?: string;
  /** Matched against the path relative to the base path: a string exactly, a RegExp by test. */
  path?: string | RegExp;
  /** How many matching requests the rule affects; unlimited when absent. */
  times?: number;
  /** Alone: the vendor's own error envelope for this status. With `body`: that body. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Added to the vendor's latency before answering (or before the other effects). */
  latencyMs?: number;
  /** Never answer; the connection stays open until the client gives up or the sandbox closes. */
  hang?: boolean;
  /** Destroy the connection without an answer. */
  reset?: boolean;
  malformed?: 'not-json' | 'truncated' | 'wrong-shape';
}

export interface FaultControls {
  inject(rule: FaultRule): string;
  remove(id: string): boolean;
  clear(): void;
  list(): (FaultRule & { id: string })[];
}

interface ActiveRule {
  id: string;
  rule: FaultRule;
  remaining: number;
}

export class FaultRegistry implements FaultControls {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  inject(rule: FaultRule): string {
    const problem = ruleProblem(rule);
    if (problem) throw new TypeError(`Invalid fault rule: ${problem}`);
    const id = `fault-${this.nextId++}`;
    this.rules.push({ id, rule: { ...rule }, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((active) => active.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): (FaultRule & { id: string })[] {
    return this.rules.map(({ id, rule, remaining }) => ({
      id,
      ...rule,
      ...(Number.isFinite(remaining) ? { times: remaining } : {}),
    }));
  }

  /** The first rule matching the request, in injection order; consumes one of its `times`. */
  take(vendor: SandboxVendor, method: string, path: string): FaultRule | undefined {
    const active = this.rules.find(({ rule }) => ruleMatches(rule, vendor, method, path));
    if (!active) return undefined;
    active.remaining--;
    if (active.remaining <= 0) this.remove(active.id);
    return active.rule;
  }
}

function ruleMatches(
  rule: FaultRule,
  vendor: SandboxVendor,
  method: string,
  path: string,
): boolean {
  if (rule.vendor !== 'all' && rule.vendor !== vendor) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  if (typeof rule.path === 'string') return rule.path === path;
  rule.path.lastIndex = 0;
  return rule.path.test(path);
}

function ruleProblem(rule: FaultRule): string | undefined {
  if (rule.vendor !== 'all' && !SANDBOX_VENDORS.includes(rule.vendor)) {
    return `vendor must be one of ${SANDBOX_VENDORS.join(', ')} or all`;
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    return 'times must be a positive integer';
  }
  if (
    rule.status !== undefined &&
    !(Number.isInteger(rule.status) && rule.status >= 100 && rule.status <= 599)
  ) {
    return 'status must be an HTTP status code';
  }
  if (rule.latencyMs !== undefined && !(Number.isFinite(rule.latencyMs) && rule.latencyMs >= 0)) {
    return 'latencyMs must be a non-negative number';
  }
  const malformed = ['not-json', 'truncated', 'wrong-shape'];
  if (rule.malformed !== undefined && !malformed.includes(rule.malformed)) {
    return `malformed must be one of ${malformed.join(', ')}`;
  }
  if (rule.path !== undefined && typeof rule.path !== 'string' && !(rule.path instanceof RegExp)) {
    return 'path must be a string or a RegExp';
  }
  return undefined;
}

// RSS and CPU of a child process and everything it forks, read from /proc (Linux), so the
// benchmark needs no sampling dependency and counts a peer's worker processes too.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const MiB = 1024 * 1024;

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** `pid` and its descendants, from the parent ids in /proc/<pid>/stat. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (!stat) continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(Number(name));
    children.set(stat.ppid, siblings);
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

function readStat(pid: number): { ppid: number; cpuTicks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ProcSnapshot {
  rssMiB: number;
  cpuMs: number;
}

export function snapshot(pid: number): ProcSnapshot {
  let rss = 0;
  let ticks = 0;
  for (const member of processTree(pid)) {
    rss += rssBytes(member);
    ticks += readStat(member)?.cpuTicks ?? 0;
  }
  return { rssMiB: rss / MiB, cpuMs: (ticks / ticksPerSecond()) * 1000 };
}

export interface ProcUsage {
  rssPeakMiB: number;
  rssMeanMiB: number;
  rssLastMiB: number;
  /** CPU time of the whole tree over the window. */
  cpuMs: number;
  /** Share of one core over the window, in percent. */
  cpuPercent: number;
  samples: number[];
}

/** Samples a process tree every `intervalMs` until `stop()`. */
export function sampleProcess(pid: number, intervalMs = 200) {
  const first = snapshot(pid);
  const started = performance.now();
  const rss: number[] = [first.rssMiB];
  const timer = setInterval(() => rss.push(snapshot(pid).rssMiB), intervalMs);
  return {
    stop(): ProcUsage {
      clearInterval(timer);
      const last = snapshot(pid);
      rss.push(last.rssMiB);
      const wall = performance.now() - started;
      const cpuMs = last.cpuMs - first.cpuMs;
      return {
        rssPeakMiB: Math.max(...rss),
        rssMeanMiB: rss.reduce((sum, value) => sum + value, 0) / rss.length,
        rssLastMiB: last.rssMiB,
        cpuMs,
        cpuPercent: wall > 0 ? (cpuMs / wall) * 100 : 0,
        samples: rss,
      };
    },
  };
}

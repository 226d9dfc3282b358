// Child processes of the benchmark: started detached from the terminal's signals, stopped by
// their own pid, and waited on until they answer HTTP.
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  /** What it wrote to stderr (and stdout unless the caller reads it), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { keepStdout?: boolean } = {},
): Child {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stderr?.on('data', keep);
  if (!options.keepStdout) child.stdout?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    process: child,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** Polls `url` until it answers `ok` (any status below 500), or fails after `timeoutMs`. */
export async function waitForHttp(child: Child, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`${child.name} exited with ${child.process.exitCode}:\n${child.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.output()}`);
}

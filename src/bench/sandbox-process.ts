import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SandboxProcess {
  env: Record<string, string>;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The sandbox in its own process, so the gateway's memory and CPU are measured alone. */
export async function startSandboxProcess(args: {
  scale: number;
  port: number;
  latencyMs?: number;
}): Promise<SandboxProcess> {
  const main = fileURLToPath(new URL('../sandbox/main.js', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      main,
      `--scale=${args.scale}`,
      `--port=${args.port}`,
      `--latency=${args.latencyMs ?? 0}`,
      '--userhero-rate-limit=100000000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The env block ends with the Planhat token, the last variable printed.
      if (/PLANHAT_API_TOKEN=.*\n/.test(out)) resolve(parseEnv(out));
    });
  });
  return {
    env,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1]) env[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  return env;
}

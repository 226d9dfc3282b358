import { fileURLToPath } from 'node:url';
import type { SandboxReadings } from '../sandbox/index.js';
import { type Child, startChild } from './children.js';

export interface SandboxProcess {
  env: Record<string, string>;
  child: Child;
  /** A control-plane URL (every vendor port serves the same sandbox-wide controls). */
  controlUrl: string;
  stop(): Promise<void>;
}

/** The sandbox in its own process, so the gateway's memory and CPU are measured alone. */
export async function startSandboxProcess(args: {
  scale: number;
  port: number;
  seed?: number;
  latencyMs?: number;
  /** Where the vendors' docs read two ways, the reading the sandbox serves (default: tables). */
  readings?: SandboxReadings;
}): Promise<SandboxProcess> {
  const { readings = {} } = args;
  const main = fileURLToPath(new URL('../sandbox/main.js', import.meta.url));
  const child = startChild(
    'sandbox',
    process.execPath,
    [
      main,
      `--scale=${args.scale}`,
      `--port=${args.port}`,
      `--seed=${args.seed ?? 42}`,
      `--latency=${args.latencyMs ?? 0}`,
      // Load would otherwise trip UserHero's per-minute limit within a second.
      '--userhero-rate-limit=100000000',
      ...(readings.userlanePageCap !== undefined
        ? [`--userlane-page-cap=${readings.userlanePageCap}`]
        : []),
      ...(readings.userloopIgnoresQuestionId ? ['--userloop-ignores-question-id'] : []),
      ...(readings.userheroExactEmail ? ['--userhero-exact-email'] : []),
    ],
    { keepStdout: true },
  );
  let out = '';
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    child.process.once('exit', (code) =>
      reject(new Error(`sandbox exited with ${code}:\n${child.output()}`)),
    );
    child.process.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The env block ends with the Planhat token, the last variable printed.
      if (/PLANHAT_API_TOKEN=.*\n/.test(out)) resolve(parseEnv(out));
    });
  });
  return {
    env,
    child,
    controlUrl: `http://127.0.0.1:${args.port}`,
    stop: () => child.stop(),
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

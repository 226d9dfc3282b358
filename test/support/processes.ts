// The sandbox and gateways as separate processes (run from source with tsx), for tests of
// several replicas: each process has its own memory, as replicas behind a load balancer do.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Proc {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function start(script: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-200_000)));
  child.stderr?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-200_000)));
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export interface SandboxProc extends Proc {
  env: Record<string, string>;
  controlUrl: string;
}

/**
 * `npm run sandbox` from source; resolves with the `.env` it prints. It binds four ports from a
 * free one on, so a taken neighbour means another try.
 */
export async function startSandboxProcess(args: string[] = []): Promise<SandboxProc> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sandboxOnce(args);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function sandboxOnce(args: string[]): Promise<SandboxProc> {
  const port = await freePort();
  const proc = start('src/sandbox/main.ts', [`--port=${port}`, ...args], {});
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    proc.child.once('error', reject);
    const timer = setTimeout(
      () => reject(new Error(`sandbox did not start:\n${proc.output()}`)),
      30_000,
    );
    proc.child.once('exit', (code) =>
      reject(new Error(`sandbox exited ${code}:\n${proc.output()}`)),
    );
    const check = () => {
      if (/PLANHAT_API_TOKEN=.*\n/.test(proc.output())) {
        clearTimeout(timer);
        const parsed: Record<string, string> = {};
        for (const line of proc.output().split('\n')) {
          const m = /^([A-Z_]+)=(.*)$/.exec(line);
          if (m?.[1]) parsed[m[1]] = (m[2] ?? '').replace(/^"(.*)"$/, '$1');
        }
        resolve(parsed);
      }
    };
    proc.child.stdout?.on('data', check);
  }).catch(async (error: unknown) => {
    await proc.stop();
    throw error;
  });
  return { ...proc, env, controlUrl: `http://127.0.0.1:${port}` };
}

export interface GatewayProc extends Proc {
  url: string;
}

/** `npm start` from source on a free port (tried again if another process took the port). */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProc> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gatewayOnce(env);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function gatewayOnce(env: Record<string, string>): Promise<GatewayProc> {
  const port = await freePort();
  const proc = start('src/main.ts', [], { ...env, PORT: String(port), SANDBOX: 'off' });
  const url = `http://127.0.0.1:${port}`;
  // Three gateways compiled by tsx at once on a busy machine take a while.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`gateway exited:\n${proc.output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`gateway did not start:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...proc, url: `${url}/graphql` };
}

export interface HttpResult<T> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; extensions?: Record<string, unknown> }[];
}

export async function post<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<HttpResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let json: { data?: T; errors?: HttpResult<T>['errors'] } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = { errors: [{ message: text }] };
  }
  return { status: res.status, data: json.data, errors: json.errors ?? [] };
}

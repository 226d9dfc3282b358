// A real Redis for the tests: REDIS_URL when the machine sets it (CI runs Redis on
// 127.0.0.1:6379), else a redis-server from the PATH on a free port. Each test takes its own key
// prefix, so suites and runs never see each other's keys.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  /** A key prefix no other test uses. */
  prefix(): string;
  /** Only for a server this helper started: stop it (and start it again on the same port). */
  kill?(): Promise<void>;
  restart?(): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const newPrefix = () => `test:${randomUUID().slice(0, 8)}:`;

/** The machine's Redis (REDIS_URL), or one of our own. */
export async function testRedis(): Promise<TestRedis> {
  const url = process.env.REDIS_URL;
  if (url) return { url, prefix: newPrefix, close: async () => undefined };
  return ownRedis();
}

/** A redis-server of our own, which a test may kill and restart (never the machine's). */
export async function ownRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitFor(url);
  };
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await start();
  return { url, prefix: newPrefix, kill, restart: start, close: kill };
}

async function waitFor(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch (error) {
      client.disconnect();
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

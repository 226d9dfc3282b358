// The GraphQL Mesh peer (../shared/peers/mesh), installed outside the repository: its code and
// its composed supergraph (which embeds the sandbox's credentials) never land in the project.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Child, startChild, waitForHttp } from './children.js';

const run = promisify(execFile);

export interface MeshPeer {
  child: Child;
  url: string;
  dir: string;
  version: string;
  queries: { planhatNps20: string; feedback10: string; feedback10CustomerPage2: string };
  stop(): Promise<void>;
}

/** Copies the peer to `dir` (again when its lockfile changed) and runs `npm ci` once. */
export async function installMeshPeer(repoRoot: string, dir: string): Promise<void> {
  const source = resolve(repoRoot, '../shared/peers/mesh');
  if (!existsSync(join(source, 'package.json'))) {
    throw new Error(`no Mesh peer at ${source}`);
  }
  const lock = (base: string) =>
    existsSync(join(base, 'package-lock.json'))
      ? readFileSync(join(base, 'package-lock.json'), 'utf8')
      : undefined;
  if (lock(dir) !== lock(source)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, {
    recursive: true,
    force: true,
    filter: (path) => !path.includes('node_modules') && !path.endsWith('supergraph.graphql'),
  });
  // The shared copy is read-only; compose writes supergraph.graphql next to its config.
  await run('chmod', ['-R', 'u+w', dir]);
  if (!existsSync(join(dir, 'node_modules', '.bin', 'hive-gateway'))) {
    process.stderr.write(`bench: installing the Mesh peer in ${dir} (npm ci)…\n`);
    await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  }
}

export async function startMeshPeer(args: {
  dir: string;
  sandboxEnv: Record<string, string>;
  port: number;
}): Promise<MeshPeer> {
  const env = { ...process.env, ...args.sandboxEnv, NODE_ENV: 'production' };
  await run(join(args.dir, 'node_modules', '.bin', 'mesh-compose'), [], {
    cwd: args.dir,
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  // One worker, like the gateway: the same share of the two cores for both.
  const child = startChild(
    'mesh',
    join(args.dir, 'node_modules', '.bin', 'hive-gateway'),
    ['supergraph', '--fork', '1', '--port', String(args.port), '--host', '127.0.0.1'],
    { cwd: args.dir, env: { ...env, PORT: String(args.port) } },
  );
  const url = `http://127.0.0.1:${args.port}/graphql`;
  try {
    await waitForHttp(child, `${url}?query=%7B__typename%7D`);
  } catch (error) {
    await child.stop();
    throw error;
  }
  const query = (name: string) =>
    readFileSync(join(args.dir, 'queries', `${name}.graphql`), 'utf8');
  const pkg = JSON.parse(
    readFileSync(
      join(args.dir, 'node_modules', '@graphql-hive', 'gateway', 'package.json'),
      'utf8',
    ),
  ) as { version: string };
  return {
    child,
    url,
    dir: args.dir,
    version: `Hive Gateway ${pkg.version} (GraphQL Mesh compose)`,
    queries: {
      planhatNps20: query('planhat-nps-20'),
      feedback10: query('userhero-feedback-10'),
      feedback10CustomerPage2: query('userhero-feedback-10-customer-page2'),
    },
    stop: () => child.stop(),
  };
}

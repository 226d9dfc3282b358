import { fileURLToPath } from 'node:url';
import { type Child, startChild, waitForHttp } from './children.js';

export interface GatewayProcess {
  child: Child;
  url: string;
  stop(): Promise<void>;
}

/**
 * The gateway as it runs in production (`node dist/main.js`, NODE_ENV=production), pointed at a
 * sandbox in another process through the sandbox's own variables.
 */
export async function startGatewayProcess(args: {
  sandboxEnv: Record<string, string>;
  port: number;
  nodeArgs?: string[];
}): Promise<GatewayProcess> {
  const main = fileURLToPath(new URL('../main.js', import.meta.url));
  const child = startChild('gateway', process.execPath, [...(args.nodeArgs ?? []), main], {
    env: {
      PATH: process.env.PATH ?? '',
      ...args.sandboxEnv,
      SANDBOX: 'off',
      NODE_ENV: 'production',
      PORT: String(args.port),
      LOG_LEVEL: 'warn',
      // The sandbox runs with a huge UserHero limit (--userhero-rate-limit): the gateway's own
      // budget, UserHero's documented 100 calls a minute, would refuse the load within a second.
      USERHERO_RATE_LIMIT: '1000000',
    },
    // dist/main.js reads .env from its working directory: none here, the variables above rule.
    cwd: fileURLToPath(new URL('.', import.meta.url)),
  });
  const base = `http://127.0.0.1:${args.port}`;
  try {
    await waitForHttp(child, `${base}/healthz`);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, url: `${base}/graphql`, stop: () => child.stop() };
}

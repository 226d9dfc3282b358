// Scenario 1: the peer's three reads against GraphQL Mesh, alternating gateway and Mesh rounds
// (A B A B) so that drift on a shared machine hits both alike; ratios are taken in one run.
import { graphqlOnce, graphqlTarget, pool, type Target } from '../load.js';
import { amountFor, combine, measure, type Measurement, warmUp } from '../measure.js';
import type { MeshPeer } from '../mesh-peer.js';
import {
  FEEDBACK_10,
  FEEDBACK_10_CUSTOMER_PAGE,
  FEEDBACK_FIRST_PAGE_CURSOR,
  PLANHAT_NPS_20,
} from '../operations.js';
import type { SandboxControl } from '../sandbox-control.js';
import type { BenchSettings, Server } from '../targets.js';

export interface PeerRead {
  read: string;
  gateway: Measurement;
  mesh?: Measurement;
  /** gateway / Mesh per alternated round pair, then over the pooled rounds. */
  rpsRatio?: { rounds: number[]; pooled: number };
  p99Ratio?: { rounds: number[]; pooled: number };
}

export interface LinkedReadCheck {
  server: 'gateway' | 'mesh';
  page: 1 | 2;
  status: number;
  items: number;
  itemsWithoutEmail: number;
  distinctEmails: number;
  customerLookups: number;
  repeatedLookups: number;
  itemsWithCustomer: number;
  errors: number;
  firstError?: string;
}

export interface PeerReadsReport {
  reads: PeerRead[];
  linked: LinkedReadCheck[];
  meshUnavailable?: string;
}

interface Read {
  read: string;
  gateway: Target;
  mesh?: Target;
}

export async function peerReads(args: {
  gateway: Server;
  mesh?: { server: Server; peer: MeshPeer };
  meshUnavailable?: string;
  sandbox: SandboxControl;
  workspaceId: string;
  settings: BenchSettings;
}): Promise<PeerReadsReport> {
  const { gateway, mesh, sandbox, settings } = args;
  const after = await pageTwoCursor(gateway.url);
  const meshTarget = (query: string) =>
    mesh ? graphqlTarget(mesh.server.url, query, { workspaceId: args.workspaceId }) : undefined;
  const reads: Read[] = [
    {
      read: '20 Planhat NPS records',
      gateway: graphqlTarget(gateway.url, PLANHAT_NPS_20),
      mesh: meshTarget(mesh?.peer.queries.planhatNps20 ?? ''),
    },
    {
      read: '10 UserHero feedback items',
      gateway: graphqlTarget(gateway.url, FEEDBACK_10),
      mesh: meshTarget(mesh?.peer.queries.feedback10 ?? ''),
    },
    {
      read: 'page 2 of feedback, with each item’s customer',
      gateway: graphqlTarget(gateway.url, FEEDBACK_10_CUSTOMER_PAGE, { after }),
      mesh: meshTarget(mesh?.peer.queries.feedback10CustomerPage2 ?? ''),
    },
  ];

  const out: PeerRead[] = [];
  for (const read of reads) {
    process.stderr.write(`bench: peer read “${read.read}”\n`);
    const warmGateway = await warmUp(read.gateway, settings.connections, settings.warmupSeconds);
    const warmMesh = read.mesh
      ? await warmUp(read.mesh, settings.connections, settings.warmupSeconds)
      : undefined;
    const g: Measurement[] = [];
    const m: Measurement[] = [];
    for (let round = 0; round < settings.rounds; round++) {
      const common = { sandbox, connections: settings.connections, seconds: settings.seconds };
      const amount = (warm: typeof warmGateway) =>
        amountFor(warm, settings.seconds, settings.connections);
      g.push(
        await measure({
          ...common,
          target: read.gateway,
          pid: gateway.pid,
          amount: amount(warmGateway),
        }),
      );
      if (read.mesh && mesh) {
        m.push(
          await measure({
            ...common,
            target: read.mesh,
            pid: mesh.server.pid,
            amount: amount(warmMesh),
          }),
        );
      }
    }
    const gatewayPooled = combine(g, pool(g.map((x) => x.load)));
    const entry: PeerRead = { read: read.read, gateway: gatewayPooled };
    if (m.length > 0) {
      const meshPooled = combine(m, pool(m.map((x) => x.load)));
      entry.mesh = meshPooled;
      entry.rpsRatio = {
        rounds: g.map((x, i) => x.load.rps / m[i]!.load.rps),
        pooled: gatewayPooled.load.rps / meshPooled.load.rps,
      };
      entry.p99Ratio = {
        rounds: g.map((x, i) => x.load.p99 / m[i]!.load.p99),
        pooled: gatewayPooled.load.p99 / meshPooled.load.p99,
      };
    }
    out.push(entry);
  }

  const linked: LinkedReadCheck[] = [];
  for (const page of [2, 1] as const) {
    linked.push(await linkedGateway(gateway.url, sandbox, page === 2 ? after : null, page));
    if (mesh) linked.push(await linkedMesh(mesh, sandbox, args.workspaceId, page));
  }
  return {
    reads: out,
    linked,
    ...(args.meshUnavailable ? { meshUnavailable: args.meshUnavailable } : {}),
  };
}

async function pageTwoCursor(url: string): Promise<string> {
  const { body } = await graphqlOnce<{ feedback: { pageInfo: { endCursor: string } } | null }>(
    url,
    FEEDBACK_FIRST_PAGE_CURSOR,
  );
  const cursor = body.data?.feedback?.pageInfo.endCursor;
  if (!cursor) throw new Error(`no cursor for feedback page 2: ${JSON.stringify(body.errors)}`);
  return cursor;
}

interface Item {
  userEmail: string | null;
  customer: unknown;
}

async function lookups(sandbox: SandboxControl) {
  const calls = (await sandbox.entries()).filter(
    (e) => e.path === '/customers' && 'email' in e.query,
  );
  const keys = calls.map((e) => JSON.stringify(e.query));
  return { count: calls.length, repeated: keys.length - new Set(keys).size };
}

function check(
  server: 'gateway' | 'mesh',
  page: 1 | 2,
  status: number,
  items: Item[],
  errors: { message: string }[] | undefined,
  found: { count: number; repeated: number },
): LinkedReadCheck {
  const emails = items.map((item) => item.userEmail?.toLowerCase() ?? null);
  return {
    server,
    page,
    status,
    items: items.length,
    itemsWithoutEmail: emails.filter((e) => e === null).length,
    distinctEmails: new Set(emails.filter((e) => e !== null)).size,
    customerLookups: found.count,
    repeatedLookups: found.repeated,
    itemsWithCustomer: items.filter((item) => item.customer !== null && item.customer !== undefined)
      .length,
    errors: errors?.length ?? 0,
    ...(errors?.[0] ? { firstError: errors[0].message } : {}),
  };
}

async function linkedGateway(
  url: string,
  sandbox: SandboxControl,
  after: string | null,
  page: 1 | 2,
) {
  await sandbox.clearLog();
  const { status, body } = await graphqlOnce<{
    feedback: {
      nodes: { userEmail: string | null; customer: { profile: unknown } | null }[];
    } | null;
  }>(url, FEEDBACK_10_CUSTOMER_PAGE, { after });
  const items = (body.data?.feedback?.nodes ?? []).map((n) => ({
    userEmail: n.userEmail,
    customer: n.customer?.profile ?? null,
  }));
  return check('gateway', page, status, items, body.errors, await lookups(sandbox));
}

async function linkedMesh(
  mesh: { server: Server; peer: MeshPeer },
  sandbox: SandboxControl,
  workspaceId: string,
  page: 1 | 2,
) {
  await sandbox.clearLog();
  const query = mesh.peer.queries.feedback10CustomerPage2.replace('page: 2', `page: ${page}`);
  const { status, body } = await graphqlOnce<{ userheroFeedbackList: { data: Item[] } | null }>(
    mesh.server.url,
    query,
    { workspaceId },
  );
  // Mesh answers a failed link with HTTP 400 and no data: ask the list alone for the emails.
  let items = body.data?.userheroFeedbackList?.data;
  if (!items) {
    const plain = await graphqlOnce<{
      userheroFeedbackList: { data: { userEmail: string | null }[] };
    }>(
      mesh.server.url,
      `query($workspaceId: String!) { userheroFeedbackList(workspaceId: $workspaceId, page: ${page}, pageSize: 10) { data { userEmail } } }`,
      { workspaceId },
    );
    items = (plain.body.data?.userheroFeedbackList.data ?? []).map((i) => ({
      ...i,
      customer: null,
    }));
  }
  const found = await lookups(sandbox);
  return check('mesh', page, status, items, body.errors, found);
}

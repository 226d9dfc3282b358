import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  globalId,
  type Json,
  mainWorkspace,
  userheroCalls,
  vendorGet,
} from './userhero-fixtures.js';

let gw: TestGateway;
let ws: string;
let projectId: string;
let projectGid: string;

beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
  const projects = [...gw.sandbox.seed.userhero.data.projects.values()];
  projectId = (projects.find((p) => p.workspaceId === ws) as { id: string }).id;
  projectGid = globalId('Project', ws, projectId);
});
afterAll(async () => gw.close());
beforeEach(() => gw.sandbox.log.clear());

const AUTOMATION_FIELDS = `
  id automationId projectId workspaceId name scope enabled priority systemGenerated conditions
  actions { type params } runStats { matched7d errored7d } lastRunAt createdAt updatedAt
`;
const RUN_FIELDS = `
  id runId automationId outcome runAt feedbackId
  actionsExecuted { type success error } actor { userId name system }
`;

/** The whole list as UserHero walks it. */
async function vendorAutomations(query: Record<string, string> = {}): Promise<Json[]> {
  const all: Json[] = [];
  let cursor: string | null = null;
  do {
    const body = await vendorGet(gw, '/automations', {
      projectId,
      limit: 100,
      ...query,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...(body.automations as Json[]));
    cursor = body.nextCursor as string | null;
  } while (cursor);
  return all;
}

const expectedAutomation = (wire: Json): Json => ({
  id: globalId('Automation', ws, projectId, wire.id as string),
  automationId: wire.id,
  projectId,
  workspaceId: ws,
  name: wire.name,
  scope: wire.scope,
  enabled: wire.enabled,
  priority: wire.priority,
  systemGenerated: wire.systemGenerated,
  conditions: wire.conditions,
  actions: wire.actions,
  runStats: wire.runStats,
  lastRunAt: wire.lastRunAt,
  createdAt: wire.createdAt,
  updatedAt: wire.updatedAt,
});

const expectedRun = (automationId: string, wire: Json): Json => ({
  id: globalId('AutomationRun', ws, projectId, automationId, wire.id as string),
  runId: wire.id,
  automationId,
  outcome: wire.outcome,
  runAt: wire.runAt,
  feedbackId: wire.feedbackId,
  actionsExecuted: (wire.actionsExecuted as Json[]).map((a) => ({ ...a, error: a.error ?? null })),
  actor: wire.actor,
});

interface AutomationPage {
  node: {
    automations: {
      totalCount: number | null;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Json[];
    };
  };
}

async function walk(
  args: string,
  fields = 'automationId',
): Promise<{ nodes: Json[]; pages: number }> {
  const nodes: Json[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const res: { data?: AutomationPage | null; errors: unknown[] } = await gw.query<AutomationPage>(
      `query($id: ID!, $after: String) { node(id: $id) { ... on Project {
          automations(${args} after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} } } } } }`,
      { id: projectGid, after },
    );
    expect(res.errors).toEqual([]);
    const page = res.data?.node.automations;
    nodes.push(...(page?.nodes ?? []));
    after = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    pages += 1;
  } while (after !== null && pages < 50);
  return { nodes, pages };
}

describe('Project.automations', () => {
  it('pages through the vendor cursor with every field, one list call per page', async () => {
    const wire = await vendorAutomations();
    const { nodes, pages } = await walk('first: 4,', AUTOMATION_FIELDS);
    expect(nodes).toEqual(wire.map(expectedAutomation));
    expect(pages).toBe(Math.ceil(wire.length / 4));
    expect(userheroCalls(gw, '/automations')).toBe(pages);
  });

  it('passes scope, enabled and includeSystem to UserHero', async () => {
    const cases: [string, Record<string, string>][] = [
      ['scope: MANUAL,', { scope: 'manual' }],
      ['scope: FEEDBACK_CREATED, enabled: true,', { scope: 'feedback.created', enabled: 'true' }],
      ['enabled: false,', { enabled: 'false' }],
      ['includeSystem: true,', { includeSystem: 'true' }],
    ];
    for (const [args, query] of cases) {
      const wire = await vendorAutomations(query);
      const { nodes } = await walk(`first: 5, ${args}`);
      expect(nodes, args).toEqual(wire.map((a) => ({ automationId: a.id })));
    }
    const withSystem = await vendorAutomations({ includeSystem: 'true' });
    expect(withSystem.some((a) => a.systemGenerated)).toBe(true);
  });

  it('refuses backward paging and foreign cursors before any call', async () => {
    const other = [...gw.sandbox.seed.userhero.data.projects.values()].find(
      (p) => p.workspaceId === ws && p.id !== projectId,
    ) as { id: string };
    const first = await gw.query<AutomationPage>(
      `{ node(id: "${globalId('Project', ws, other.id)}") { ... on Project { automations(first: 1) { pageInfo { endCursor } } } } }`,
    );
    const cursor = first.data?.node.automations.pageInfo.endCursor;
    gw.sandbox.log.clear();
    for (const [args, variables] of [
      ['last: 2', {}],
      ['first: 2, after: $c', { c: cursor }],
      ['first: 2, scope: MANUAL, after: $c', { c: cursor }],
      ['first: 101', {}],
    ] as const) {
      const res = await gw.query(
        `query($id: ID!${'c' in variables ? ', $c: String' : ''}) { node(id: $id) { ... on Project { automations(${args}) { nodes { id } } } } }`,
        { id: projectGid, ...variables },
      );
      expect(res.errors[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
    expect(userheroCalls(gw, '/automations')).toBe(0);
  });
});

describe('Automation.runs', () => {
  it('lists the last runs with every field and their feedback, one Get Feedback per distinct item', async () => {
    const [automation] = await vendorAutomations();
    const id = automation?.id as string;
    const runs = (await vendorGet(gw, `/automations/${id}/runs`)).runs as Json[];
    expect(runs.length).toBeGreaterThan(0);
    const res = await gw.query<{ node: { runs: Json[] } }>(
      `query($id: ID!) { node(id: $id) { ... on Automation {
          runs { ${RUN_FIELDS} feedback { feedbackId } automation { automationId project { projectId } } } } } }`,
      { id: globalId('Automation', ws, projectId, id) },
    );
    expect(res.errors).toEqual([]);
    const { feedback } = gw.sandbox.seed.userhero.data;
    expect(res.data?.node.runs).toEqual(
      runs.map((r) => ({
        ...expectedRun(id, r),
        feedback: feedback.has(r.feedbackId as string) ? { feedbackId: r.feedbackId } : null,
        automation: { automationId: id, project: { projectId } },
      })),
    );
    const distinct = new Set(runs.map((r) => r.feedbackId)).size;
    expect(userheroCalls(gw, `/automations/${id}/runs`)).toBe(1);
    expect(userheroCalls(gw, `/automations/${id}`)).toBe(1);
    expect(userheroCalls(gw, /^\/feedback\//)).toBe(distinct);
  });
});

describe('node refetch', () => {
  it('Automation through Get Automation, AutomationRun through the runs list', async () => {
    const [a, b] = await vendorAutomations();
    const runs = (await vendorGet(gw, `/automations/${a?.id}/runs`)).runs as Json[];
    const full = (await vendorGet(gw, `/automations/${a?.id}`)) as Json;
    const wire = (full.data ?? full) as Json;
    const res = await gw.query<{ nodes: (Json | null)[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) {
          ... on Automation { ${AUTOMATION_FIELDS} }
          ... on AutomationRun { ${RUN_FIELDS} } } }`,
      {
        ids: [
          globalId('Automation', ws, projectId, a?.id as string),
          globalId('AutomationRun', ws, projectId, a?.id as string, runs[0]?.id as string),
          globalId('AutomationRun', ws, projectId, a?.id as string, runs[1]?.id as string),
          globalId('Automation', ws, projectId, b?.id as string),
          globalId('Automation', ws, projectId, 'missing'),
          globalId('AutomationRun', ws, projectId, a?.id as string, 'run_missing'),
          globalId('Automation', 'too-few-parts'),
        ],
      },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes).toEqual([
      expectedAutomation(wire),
      expectedRun(a?.id as string, runs[0] as Json),
      expectedRun(a?.id as string, runs[1] as Json),
      expect.objectContaining({ automationId: b?.id }),
      null,
      null,
      null,
    ]);
    expect(userheroCalls(gw, /^\/automations\/[^/]+$/)).toBe(3);
    expect(userheroCalls(gw, `/automations/${a?.id}/runs`)).toBe(1);
  });
});

import { isObjectType } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { declaredCost } from '../../src/cost/declare.js';
import type { LogEntry } from '../../src/sandbox/request-log.js';
import { schema } from '../../src/schema/index.js';
import { declaredEarlyReads } from '../../src/schema/shared/early-reads.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// Customer fields served from the request-wide exports start those reads with the customer list's
// own call (UserHero), not after it answers: each field declares its early reads where it is
// defined, and the list starts what its selection declares.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.sandbox.faults.clear();
  gw.sandbox.log.clear();
  // The customer list answers slowly: a read started after it begins after this.
  gw.sandbox.faults.inject({ vendor: 'userhero', path: '/customers', latencyMs: 80 });
});

const ended = (e: LogEntry) => e.startedAt + e.durationMs;
const listCall = () => gw.sandbox.log.entries({ vendor: 'userhero', path: '/customers' })[0]!;
const firstPlanhatRead = () =>
  gw.sandbox.log.entries({ vendor: 'planhat', method: 'GET', path: '/nps' })[0];

describe('a customer list', () => {
  it('starts the Planhat export for companyNps and planhatCompanyId before the list answers', async () => {
    const res = await gw.query(`{ customers(first: 3) {
      nodes { email planhatCompanyId companyNps { responses } } } }`);
    expect(res.errors).toEqual([]);
    const nodes = (res.data as { customers: { nodes: unknown[] } }).customers.nodes;
    expect(nodes).toHaveLength(3);
    const read = firstPlanhatRead();
    expect(read).toBeDefined();
    expect(read!.startedAt).toBeLessThan(ended(listCall()));
  });

  it('starts through fragments and edges, with the filter its variables give', async () => {
    const res = await gw.query(
      `query ($f: NpsFilter) { customers(first: 3) { edges { node { ...P } } } }
       fragment P on Customer { email npsResponses(filter: $f, first: 2) { nodes { score } } }`,
      { f: { sources: ['PLANHAT'] } },
    );
    expect(res.errors).toEqual([]);
    expect(firstPlanhatRead()!.startedAt).toBeLessThan(ended(listCall()));
    // Only the source the filter names is read, early or late.
    expect(gw.sandbox.log.count({ vendor: 'userlane', path: /\/nps$/ })).toBe(0);
    expect(gw.sandbox.log.count({ vendor: 'userloop', path: '/responses' })).toBe(0);
  });

  it('leaves a field with its own range to read it itself, after checking it', async () => {
    const res = await gw.query(`{ customers(first: 2) { nodes {
      npsResponses(filter: { sources: [PLANHAT], range: { from: "2020-01-01", to: "2020-02-01" } }) {
        totalCount } } } }`);
    expect(res.errors).toEqual([]);
    const read = firstPlanhatRead();
    expect(read).toBeDefined();
    expect(read!.startedAt).toBeGreaterThanOrEqual(ended(listCall()) - 5);
  });
});

describe('early-read declarations', () => {
  it('every Customer field with a default-window export read declares its early reads', () => {
    const customer = schema.getType('Customer');
    if (!isObjectType(customer)) throw new Error('Customer is not an object type');
    const reading = Object.values(customer.getFields()).filter((field) =>
      (declaredCost(field.extensions)?.shared?.reads({}) ?? []).some((r) => r.endsWith('@default')),
    );
    // The premise: several Customer fields are served from the exports.
    expect(reading.map((f) => f.name).length).toBeGreaterThanOrEqual(5);
    const undeclared = reading.filter((f) => !declaredEarlyReads(f.extensions)).map((f) => f.name);
    expect(undeclared).toEqual([]);
  });
});

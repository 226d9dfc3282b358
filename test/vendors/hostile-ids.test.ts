import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/input-error.js';
import { encodeGlobalId } from '../../src/global-id.js';
import type { SandboxVendor } from '../../src/sandbox/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { globalId } from '../schema/userhero-fixtures.js';
import { type Clients, type IdMethod, METHODS, NUMBERED } from './id-methods.js';

// Every vendor client method that puts an id in its path, called with hostile ids against the
// sandbox: an id that is, or decodes to, an empty or dot segment is refused before any request
// (a normalising proxy would turn `/customers/.` or `/feedback/../comments` into another
// endpoint); any other id arrives as exactly one encoded segment where the method puts it.

let gw: TestGateway;
let workspace: string;
beforeAll(async () => {
  gw = await startTestGateway();
  workspace = gw.sandbox.seed.userhero.workspaceId;
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.log.clear());

/** Empty, dot segments, and what decodes to them once, twice or leniently. */
const REFUSED = [
  '',
  '.',
  '..',
  '%2e',
  '%2E%2E',
  '.%2e',
  '%252e',
  '%252e%252e',
  '%%32e',
  'x/..',
  '../x',
  'x%2F..',
  '..\\x',
];

/** Hostile but harmless: each must arrive as this one segment, and decode back to the id. */
const ACCEPTED: [id: string, segment: string][] = [
  ['a/b', 'a%2Fb'],
  ['a?b', 'a%3Fb'],
  ['a#b', 'a%23b'],
  ['%2F', '%252F'],
  ['/', '%2F'],
  ['x%2e', 'x%252e'],
  ['..a', '..a'],
  ['a..', 'a..'],
  ['...', '...'],
  [' a b ', '%20a%20b%20'],
  ['é✓😀', '%C3%A9%E2%9C%93%F0%9F%98%80'],
  ['a;b', 'a%3Bb'],
  ['a:b', 'a%3Ab'],
  ['%zz', '%25zz'],
  ['a\\b', 'a%5Cb'],
];

const clients = () => gw.services.vendors as Clients;
const received = (vendor: SandboxVendor) =>
  gw.sandbox.log.entries({ vendor }).map((e) => `${e.method} ${e.path}`);

async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

const expected = (row: IdMethod, segment: string) =>
  `${row.http} ${row.path
    .replace('{property}', encodeURIComponent(gw.sandbox.env.USERLANE_PROPERTY_ID!))
    .replace('{id}', segment)}`;

describe.each(METHODS)('$vendor $method', (row) => {
  it('refuses empty and dot-segment ids as input before any request', async () => {
    expect(REFUSED.length).toBeGreaterThan(0);
    for (const id of REFUSED) {
      const error = await outcome(() => row.call(clients(), id, workspace));
      expect(error, JSON.stringify(id)).toBeInstanceOf(InvalidInputError);
      expect(gw.sandbox.log.entries(), JSON.stringify(id)).toEqual([]);
    }
  });

  it('sends every other hostile id as exactly one encoded segment', async () => {
    expect(ACCEPTED.length).toBeGreaterThan(0);
    for (const [id, segment] of ACCEPTED) {
      gw.sandbox.log.clear();
      expect(decodeURIComponent(segment)).toBe(id);
      const error = await outcome(() => row.call(clients(), id, workspace));
      expect(error, JSON.stringify(id)).not.toBeInstanceOf(InvalidInputError);
      const sent = received(row.vendor);
      expect(sent, JSON.stringify(id)).not.toEqual([]);
      for (const request of sent) expect(request, JSON.stringify(id)).toBe(expected(row, segment));
    }
  });
});

describe.each(NUMBERED)('$vendor $method (a number id)', (row) => {
  it('sends an integer id as its digits', async () => {
    await outcome(() => row.call(clients(), 245 as unknown as string, workspace));
    const sent = received(row.vendor);
    expect(sent).not.toEqual([]);
    for (const request of sent) expect(request).toBe(expected(row, '245'));
  });

  it('refuses a dot-segment id passed past its type before any request', async () => {
    expect(REFUSED.length).toBeGreaterThan(0);
    for (const id of REFUSED) {
      expect(
        await outcome(() => row.call(clients(), id, workspace)),
        JSON.stringify(id),
      ).toBeInstanceOf(Error);
      expect(gw.sandbox.log.entries(), JSON.stringify(id)).toEqual([]);
    }
  });
});

describe('hostile ids through GraphQL', () => {
  const refusedAsInput = (result: Awaited<ReturnType<TestGateway['query']>>, id: string) => {
    expect(result.errors, result.body).toHaveLength(1);
    expect(result.errors[0]!.extensions?.code, result.body).toBe('BAD_USER_INPUT');
    expect(result.errors[0]!.message).toBe(
      `${JSON.stringify(id)} is not a valid id: an id cannot be empty, "." or "..", nor have ` +
        '"." or ".." between slashes, percent-encoded or not',
    );
    expect(gw.sandbox.log.entries()).toEqual([]);
  };

  it('deleteCustomer on a customer whose id is "." calls no vendor', async () => {
    const result = await gw.query(`mutation($id: ID!) { deleteCustomer(id: $id) { deletedId } }`, {
      id: encodeGlobalId('UserHeroCustomer', '.'),
    });
    refusedAsInput(result, '.');
  });

  it('addFeedbackComment on a feedback whose id is ".." calls no vendor', async () => {
    const result = await gw.query(
      `mutation($input: AddCommentInput!) { addFeedbackComment(input: $input) { comment { id } } }`,
      { input: { feedbackId: globalId('Feedback', workspace, '..'), message: 'hello' } },
    );
    refusedAsInput(result, '..');
  });

  it('node on a feedback whose id is "%2e" calls no vendor', async () => {
    const result = await gw.query(`query($id: ID!) { node(id: $id) { id } }`, {
      id: globalId('Feedback', workspace, '%2e'),
    });
    refusedAsInput(result, '%2e');
  });
});

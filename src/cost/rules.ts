import type { GraphQLField, GraphQLNamedType } from 'graphql';
import { getNamedType, isInterfaceType, isObjectType } from 'graphql';
import type { VendorName } from '../transport/types.js';
import { VENDORS } from '../vendors/registry.js';
import { USERLANE_PAGE_RECORDS_MAX } from '../vendors/userlane/limits.js';

// What the cost analysis (http/cost.ts) knows beyond the fields' own declarations (declare.ts):
// vendor weights, which types are containers, and the reference account that data-dependent
// reads are sized for.
//
// Bounded by the query alone: pages of a connection, lookups, per-item reads. Not bounded by the
// query: how many pages a whole-range read or a filtered scan takes (it grows with the rows the
// vendor holds) and how long lists sized by the data are (tags, tasks, surveys, NPS questions).
// For those the estimate assumes the reference account below; for a larger account it is an
// estimate, not a bound, and VENDOR_CALL_CAP is what bounds a request.

/**
 * Relative price of one call, from each vendor's registry entry (`costWeight`): UserHero allows
 * 100 a minute per key, the others publish no limit.
 */
export const VENDOR_WEIGHTS: Readonly<Record<VendorName, number>> = Object.fromEntries(
  VENDORS.map((v) => [v.name, v.costWeight]),
) as Record<VendorName, number>;

/**
 * The largest account the estimate is an upper bound for: twice the sandbox at scale 1 or more
 * (2,000 Planhat and 1,500 Userlane answers, 5,000 UserLoop rows in 6 surveys, 2,419 in the
 * largest, at most 15,000
 * Userlane tag or task rows in any range, 25 tags, 12 tasks, 3 NPS questions).
 */
export const ACCOUNT = {
  planhatAnswers: 20_000,
  userlaneAnswers: 10_000,
  /** Answers of one configured Userlane survey, and how many surveys are configured. */
  userlaneSurveyAnswers: 5_000,
  userlaneSurveys: 4,
  /** Every UserLoop row (one per question answered), all surveys together, and one survey's. */
  userloopAnswers: 10_000,
  userloopSurveyAnswers: 5_000,
  userloopSurveys: 8,
  userloopNpsQuestions: 4,
  /** Userlane tag or task rows of one range, or the actions of all tasks in one range. */
  userlaneRows: 30_000,
  /** Addresses of one UserHero customer (sandbox: at most 2). */
  customerEmails: 3,
  tags: 40,
  tasks: 24,
};

/** Entity types served by UserHero (the only weighted vendor). */
export const USERHERO_TYPES = new Set([
  'Workspace',
  'WorkspaceUsage',
  'Project',
  'Widget',
  'Webhook',
  'Feedback',
  'Comment',
  'Note',
  'Automation',
  'AutomationRun',
  'UserHeroCustomer',
]);

/**
 * Entities that hold others and are few (a workspace's projects, a survey's questions): looked up
 * from many items, they are loaded once per request from one list, so a lookup costs one call
 * whatever the number of items it is selected on.
 */
export const CONTAINER_TYPES = new Set([
  'Workspace',
  'Project',
  'Widget',
  'Webhook',
  'Automation',
  'Survey',
  'SurveyQuestion',
  'Task',
  'Tag',
]);

/** Calls of a walk through `rows` in pages of `size`: it stops at the first short page. */
export function walkPages(rows: number, size: number): number {
  return Math.floor(rows / size) + 1;
}

/**
 * Weighted calls of loading one entity by its global id, where its type alone does not say: a
 * person is looked up in UserHero, then in the request-wide reads of IDENTITY.
 */
export const LOOKUP_COSTS: Readonly<Record<string, number>> = {
  Customer: VENDOR_WEIGHTS.userhero,
};

/**
 * Weighted calls of a lookup whose key says it reads more than its type does: a UserLoop NPS
 * answer (`USERLOOP|<response id>`, schema/nps/node.ts) is its row, then its survey's questions,
 * which tell whether the row answers an NPS question (one read per survey a request, cached
 * across requests: at most one per lookup). Undefined where the type's own cost holds.
 */
export function keyedLookupCost(typename: string, key: string): number | undefined {
  if (typename === 'NpsResponse' && key.startsWith('USERLOOP|')) return 2 * VENDOR_WEIGHTS.userloop;
  return undefined;
}

/** Items a list field that is not a connection is assumed to hold, unless it declares more. */
export const DEFAULT_LIST_SIZE = 10;

/**
 * The largest page the gateway asks of Userlane's page endpoints (1,000 records, see
 * vendors/userlane/limits.ts), and its whole-range walks (tags, tasks) at the reference volume.
 */
export const USERLANE_PAGE = USERLANE_PAGE_RECORDS_MAX;
export const USERLANE_WALK = walkPages(ACCOUNT.userlaneRows, USERLANE_PAGE);

/** Selections of a connection or edge that hold what the connection's own call fetched. */
export const STRUCTURAL = new Set(['edges', 'nodes', 'node', 'pageInfo', 'cursor', 'totalCount']);

// The shapes of the schema the rules key on.

export function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'pageInfo' in fields && ('edges' in fields || 'nodes' in fields);
}

export function isEdgeType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'node' in fields && 'cursor' in fields;
}

export function isEntity(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}

/** The vendor weight of a call returning `type` (for a connection: its nodes' type). */
export function weightOf(type: GraphQLNamedType): number {
  const name = (isConnectionType(type) ? connectionNodeType(type) : type)?.name ?? '';
  return USERHERO_TYPES.has(name) || name.startsWith('UserHero') ? VENDOR_WEIGHTS.userhero : 1;
}

function connectionNodeType(type: GraphQLNamedType): GraphQLNamedType | undefined {
  if (!isObjectType(type)) return undefined;
  const nodes = type.getFields().nodes;
  return nodes ? getNamedType(nodes.type) : undefined;
}

export function fieldOf(
  parent: GraphQLNamedType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

// How the benchmark reads the sandbox log of one GraphQL request: which calls are pages of the
// same list (a chain), and which are the same kind of call fanned out over many keys.
import type { LoggedCall } from './sandbox-control.js';

/** Query parameters that move through a list; the rest say which list it is. */
export const PAGING = new Set(['offset', 'page', 'cursor', 'after', 'starting_after', 'skip']);
export const SIZE = new Set(['limit', 'pageSize', 'per_page']);

/** Largest page each vendor serves, from its docs (src/vendors/<vendor>/limits.ts). */
export const VENDOR_MAX_PAGE: Record<string, number> = {
  planhat: 10_000,
  userlane: 5_000,
  userloop: 200,
  userhero: 100,
};

/** Lists whose first page reports the total, so the other pages need only that first one. */
export const REPORTS_TOTAL = [{ vendor: 'userloop', path: '/responses' }];

/** The path with ids (segments with digits) blanked: `/surveys/:id`. */
export const template = (path: string) =>
  path
    .split('/')
    .map((segment) => (/\d/.test(segment) && segment.length >= 6 ? ':id' : segment))
    .join('/');

export const listParams = (call: LoggedCall) =>
  Object.entries(call.query)
    .filter(([key]) => !PAGING.has(key) && !SIZE.has(key))
    .sort(([a], [b]) => a.localeCompare(b));

/** The same endpoint with the same kind of parameters: one fan-out. */
export const kindOf = (call: LoggedCall) => {
  const names = listParams(call).map(([name]) => name);
  const query = names.length > 0 ? ` ?${names.join('&')}` : '';
  return `${call.vendor} ${call.method} ${template(call.path)}${query}`;
};

/** The same list: successive pages share it. */
export const chainOf = (call: LoggedCall) =>
  `${call.vendor} ${call.method} ${call.path} ${JSON.stringify(listParams(call))}`;

/** The very same call: a repeat is waste. */
export const identity = (call: LoggedCall) =>
  `${call.vendor} ${call.method} ${call.path} ${JSON.stringify(Object.entries(call.query).sort(([a], [b]) => a.localeCompare(b)))}`;

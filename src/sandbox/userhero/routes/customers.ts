import { customerById, requiredWorkspace } from '../access.js';
import { customersInWorkspace, findByEmail, findByPhone } from '../customer-identity.js';
import { badRequest, conflict, notFound } from '../errors.js';
import type { Customer } from '../model.js';
import { renderCustomer, renderCustomerProfile } from '../render.js';
import { deleted, ok, route } from '../router.js';
import type { Call } from '../state.js';
import { pageParams, slicePage } from '../validate.js';
import { createCustomer, mergeCustomers, updateCustomer } from './customer-edits.js';

const SORTS = ['lastSeenAt', 'firstSeenAt', 'feedbackCount', 'name'] as const;
type Sort = (typeof SORTS)[number];

/** Ascending order; nulls are placed last whatever the direction. */
function compare(a: Customer, b: Customer, sort: Sort): number {
  if (sort === 'feedbackCount') return a.feedbackCount - b.feedbackCount;
  const x = sort === 'name' ? a.name?.toLowerCase() : a[sort];
  const y = sort === 'name' ? b.name?.toLowerCase() : b[sort];
  if (x === y) return 0;
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  return x < y ? -1 : 1;
}

function isNull(customer: Customer, sort: Sort) {
  return sort !== 'feedbackCount' && customer[sort] === null;
}

function lookup(call: Call, workspaceId: string, email?: string, phone?: string) {
  const { data } = call.state;
  const byEmail = email ? findByEmail(data, workspaceId, email) : undefined;
  const byPhone = phone ? findByPhone(data, workspaceId, phone) : undefined;
  if (byEmail && byPhone && byEmail.id !== byPhone.id) {
    throw conflict('email and phone belong to different customers');
  }
  // With both identifiers, both must resolve (to the same customer).
  const found = email && phone ? byEmail && byPhone && byEmail : (byEmail ?? byPhone);
  if (!found) throw notFound('Customer not found');
  return ok(renderCustomerProfile(found));
}

function listOrLookup(call: Call) {
  const { query } = call;
  const workspace = requiredWorkspace(call);
  const email = query.get('email') || undefined;
  const phone = query.get('phone') || undefined;
  if (email || phone) return lookup(call, workspace.id, email, phone);

  const page = pageParams(query);
  const sort = (query.get('sort') || 'lastSeenAt') as Sort;
  if (!SORTS.includes(sort)) throw badRequest(`sort must be one of: ${SORTS.join(', ')}`);
  const order = query.get('order') || 'desc';
  if (order !== 'asc' && order !== 'desc') throw badRequest('order must be asc or desc');
  const search = query.get('search')?.trim().toLowerCase() || undefined;
  const channel = query.get('channel') || undefined;
  const tag = query.get('tag') || undefined;

  const customers = customersInWorkspace(call.state.data, workspace.id).filter(
    (customer) =>
      (channel === undefined || customer.channels.includes(channel)) &&
      (tag === undefined || customer.tags.includes(tag)) &&
      (search === undefined ||
        customer.name?.toLowerCase().includes(search) ||
        customer.emails.some((e) => e.includes(search)) ||
        customer.phones.some((p) => p.toLowerCase().includes(search))),
  );
  const direction = order === 'asc' ? 1 : -1;
  customers.sort((a, b) => {
    const nulls = Number(isNull(a, sort)) - Number(isNull(b, sort));
    if (nulls !== 0) return nulls;
    return direction * compare(a, b, sort) || (a.id < b.id ? -1 : 1);
  });
  return ok(slicePage(customers, page).map(renderCustomer));
}

function get(call: Call) {
  return ok(renderCustomerProfile(customerById(call, call.id)));
}

/** Customers answer 200 with `{ id, deleted }`; their feedback stays, unlinked. */
function remove(call: Call) {
  const { data } = call.state;
  const customer = customerById(call, call.id);
  for (const item of data.feedback.values()) {
    if (item.customerId === customer.id) item.customerId = null;
  }
  data.customers.delete(customer.id);
  return deleted(customer.id);
}

export const customerRoutes = [
  route('GET', '/customers', listOrLookup),
  route('POST', '/customers', createCustomer),
  route('GET', '/customers/:id', get),
  route('PATCH', '/customers/:id', updateCustomer),
  route('DELETE', '/customers/:id', remove),
  route('POST', '/customers/:id/merge', mergeCustomers),
];

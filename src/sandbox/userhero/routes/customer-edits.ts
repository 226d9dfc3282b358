import { customerById, requiredWorkspace } from '../access.js';
import { emailKey, ownerOfAny, phoneKey, withPrimary } from '../customer-identity.js';
import { linkFeedback } from '../customer-links.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Customer, SocialHandle, UserHeroData } from '../model.js';
import { renderCustomerProfile } from '../render.js';
import { created, ok } from '../router.js';
import type { Call } from '../state.js';
import {
  isEmail,
  isObject,
  type Json,
  readEmail,
  readNullableString,
  readObject,
  readString,
  readStringArray,
} from '../validate.js';

function readEmails(body: Json): string[] | undefined {
  const emails = readStringArray(body, 'emails');
  const invalid = emails?.find((email) => !isEmail(email));
  if (invalid !== undefined) throw badRequest(`emails: ${invalid} is not an email address`);
  return emails?.map(emailKey);
}

function readSocialHandles(body: Json): SocialHandle[] | undefined {
  const value = body.socialHandles;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('socialHandles must be an array');
  return value.map((item, i) => {
    if (!isObject(item)) throw badRequest(`socialHandles[${i}] must be an object`);
    const platform = readString(item, 'platform', { required: true });
    const handle = readString(item, 'handle', { required: true });
    const accountId = readString(item, 'accountId');
    return accountId === undefined ? { platform, handle } : { platform, handle, accountId };
  });
}

function readTimezone(body: Json): string | null | undefined {
  const timezone = readNullableString(body, 'timezone');
  if (!timezone) return timezone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw badRequest('timezone must be an IANA timezone such as Europe/Berlin');
  }
  return timezone;
}

function readLanguage(body: Json): string | null | undefined {
  const language = readNullableString(body, 'language');
  if (language && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(language)) {
    throw badRequest('language must be a language code such as en or pt-BR');
  }
  return language;
}

/** Feedback already sent from a customer's emails counts once the profile exists. */
function adoptUnlinkedFeedback(data: UserHeroData, customer: Customer) {
  if (customer.emails.length === 0) return;
  for (const item of data.feedback.values()) {
    if (
      item.customerId === null &&
      item.workspaceId === customer.workspaceId &&
      item.userEmail !== null &&
      customer.emails.includes(emailKey(item.userEmail))
    ) {
      linkFeedback(customer, item);
    }
  }
}

function checkUnique(
  call: Call,
  customer: Pick<Customer, 'workspaceId' | 'emails' | 'phones'>,
  self?: string,
) {
  const owner = ownerOfAny(
    call.state.data,
    customer.workspaceId,
    customer.emails,
    customer.phones,
    self,
  );
  if (owner) throw conflict(`A customer with this email or phone already exists (${owner.id})`);
}

export function createCustomer(call: Call) {
  const { state } = call;
  const body = call.body();
  const workspace = requiredWorkspace(call);
  const primaryEmail = readEmail(body, 'primaryEmail');
  const primaryPhone = readString(body, 'primaryPhone');
  const emails = withPrimary(
    primaryEmail === undefined ? null : emailKey(primaryEmail),
    readEmails(body) ?? [],
    emailKey,
  );
  const phones = withPrimary(primaryPhone ?? null, readStringArray(body, 'phones') ?? [], phoneKey);
  const now = state.now().toISOString();
  const customer: Customer = {
    id: newId(state.random, 'cust', 16),
    workspaceId: workspace.id,
    name: readNullableString(body, 'name') ?? null,
    primaryEmail: emails[0] ?? null,
    primaryPhone: phones[0] ?? null,
    emails,
    phones,
    socialHandles: [],
    company: readNullableString(body, 'company') ?? null,
    tags: [...new Set(readStringArray(body, 'tags') ?? [])],
    feedbackCount: 0,
    channels: [],
    lastSeenAt: null,
    firstSeenAt: null,
    notes: readNullableString(body, 'notes') ?? null,
    customFields: {},
    timezone: null,
    language: null,
    mergedCustomerIds: [],
    createdAt: now,
    updatedAt: now,
  };
  checkUnique(call, customer);
  state.data.customers.set(customer.id, customer);
  adoptUnlinkedFeedback(state.data, customer);
  return created(renderCustomerProfile(customer));
}

export function updateCustomer(call: Call) {
  const { state } = call;
  const body = call.body();
  const customer = customerById(call, call.id);
  const primaryEmail = body.primaryEmail === null ? null : readEmail(body, 'primaryEmail');
  const primaryPhone = readNullableString(body, 'primaryPhone');
  const newEmails = readEmails(body) ?? customer.emails;
  const newPhones = readStringArray(body, 'phones') ?? customer.phones;
  // A primary that is not among the (new) addresses joins them in front.
  const keptEmail = customer.primaryEmail && newEmails.includes(customer.primaryEmail);
  const emailFirst =
    primaryEmail === undefined ? (keptEmail ? customer.primaryEmail : null) : primaryEmail;
  const emails = withPrimary(
    emailFirst === null ? null : emailKey(emailFirst),
    newEmails,
    emailKey,
  );
  const keptPhone = customer.primaryPhone && newPhones.includes(customer.primaryPhone);
  const phoneFirst =
    primaryPhone === undefined ? (keptPhone ? customer.primaryPhone : null) : primaryPhone;
  const phones = withPrimary(phoneFirst, newPhones, phoneKey);
  checkUnique(call, { workspaceId: customer.workspaceId, emails, phones }, customer.id);

  const name = readNullableString(body, 'name');
  const company = readNullableString(body, 'company');
  const tags = readStringArray(body, 'tags');
  const notes = readNullableString(body, 'notes');
  const customFields = body.customFields === null ? {} : readObject(body, 'customFields');
  const socialHandles = readSocialHandles(body);
  const timezone = readTimezone(body);
  const language = readLanguage(body);

  customer.emails = emails;
  customer.phones = phones;
  customer.primaryEmail = emails[0] ?? null;
  customer.primaryPhone = phones[0] ?? null;
  if (name !== undefined) customer.name = name;
  if (company !== undefined) customer.company = company;
  if (tags !== undefined) customer.tags = [...new Set(tags)];
  if (notes !== undefined) customer.notes = notes;
  if (customFields !== undefined) customer.customFields = customFields;
  if (socialHandles !== undefined) customer.socialHandles = socialHandles;
  if (timezone !== undefined) customer.timezone = timezone;
  if (language !== undefined) customer.language = language;
  customer.updatedAt = state.now().toISOString();
  adoptUnlinkedFeedback(state.data, customer);
  return ok(renderCustomerProfile(customer));
}

const union = (a: readonly string[], b: readonly string[], key = (v: string) => v) =>
  withPrimary(null, [...a, ...b], key);

export function mergeCustomers(call: Call) {
  const { data } = call.state;
  const target = customerById(call, call.id);
  const sourceId = readString(call.body(), 'sourceCustomerId', { required: true });
  const source = data.customers.get(sourceId);
  if (!source) throw notFound('Source customer not found');
  if (source.id === target.id) throw badRequest('A customer cannot be merged into itself');
  if (source.workspaceId !== target.workspaceId) {
    throw badRequest('Customers belong to different workspaces');
  }
  let mergedFeedbackCount = 0;
  for (const item of data.feedback.values()) {
    if (item.customerId !== source.id) continue;
    item.customerId = target.id;
    mergedFeedbackCount += 1;
  }
  target.emails = union(target.emails, source.emails, emailKey);
  target.phones = union(target.phones, source.phones, phoneKey);
  target.channels = union(target.channels, source.channels);
  const handleKey = (h: SocialHandle) => `${h.platform}:${h.handle}`.toLowerCase();
  const handles = new Set(target.socialHandles.map(handleKey));
  for (const handle of source.socialHandles) {
    if (!handles.has(handleKey(handle))) target.socialHandles.push(handle);
  }
  target.feedbackCount += source.feedbackCount;
  if (source.firstSeenAt && (!target.firstSeenAt || source.firstSeenAt < target.firstSeenAt)) {
    target.firstSeenAt = source.firstSeenAt;
  }
  if (source.lastSeenAt && (!target.lastSeenAt || source.lastSeenAt > target.lastSeenAt)) {
    target.lastSeenAt = source.lastSeenAt;
  }
  // Blank details of the target are filled from the source; tags and notes stay the target's.
  target.name ??= source.name;
  target.company ??= source.company;
  target.primaryEmail ??= target.emails[0] ?? null;
  target.primaryPhone ??= target.phones[0] ?? null;
  target.timezone ??= source.timezone;
  target.language ??= source.language;
  target.mergedCustomerIds = union(target.mergedCustomerIds, [
    source.id,
    ...source.mergedCustomerIds,
  ]);
  target.updatedAt = call.state.now().toISOString();
  data.customers.delete(source.id);
  return ok({ id: target.id, mergedSourceId: source.id, mergedFeedbackCount });
}

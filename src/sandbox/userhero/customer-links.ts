// Feedback counts towards the customer whose emails include its userEmail (case-insensitive);
// `feedbackCount`, first/last seen and channels are kept consistent with those links.
import type { Customer, Feedback, UserHeroData } from './model.js';

export function customerByEmail(
  data: UserHeroData,
  workspaceId: string,
  email: string,
): Customer | undefined {
  const wanted = email.toLowerCase();
  for (const customer of data.customers.values()) {
    if (customer.workspaceId === workspaceId && customer.emails.includes(wanted)) return customer;
  }
  return undefined;
}

export const channelOf = (item: Feedback) => (item.widgetId === 'api' ? 'api' : 'widget');

export function linkFeedback(customer: Customer, item: Feedback): void {
  item.customerId = customer.id;
  customer.feedbackCount += 1;
  if (!customer.firstSeenAt || item.createdAt < customer.firstSeenAt) {
    customer.firstSeenAt = item.createdAt;
  }
  if (!customer.lastSeenAt || item.createdAt > customer.lastSeenAt) {
    customer.lastSeenAt = item.createdAt;
  }
  const channel = channelOf(item);
  if (!customer.channels.includes(channel)) customer.channels.push(channel);
}

/** Links a new feedback item to the customer owning its email, if any. */
export function linkByEmail(data: UserHeroData, item: Feedback): void {
  if (!item.userEmail) return;
  const customer = customerByEmail(data, item.workspaceId, item.userEmail);
  if (customer) linkFeedback(customer, item);
}

export function unlinkFeedback(data: UserHeroData, item: Feedback): void {
  if (!item.customerId) return;
  const customer = data.customers.get(item.customerId);
  if (customer) customer.feedbackCount = Math.max(0, customer.feedbackCount - 1);
  item.customerId = null;
}

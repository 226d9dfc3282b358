// Customers come from the shared seeded people, so a UserHero profile and, say, a Planhat NPS
// response of the same human join by email. Some people get a second (personal) address, used
// by part of their feedback, so the "emails" array matters.
import { intBetween, pick } from '../random.js';
import type { Person } from '../types.js';
import { newId } from './ids.js';
import type { Customer, Workspace } from './model.js';
import { CUSTOMER_TAGS, LANGUAGES, TIMEZONES } from './seed-text.js';

const DAY = 24 * 3600 * 1000;
const AREA_CODES = ['415', '212', '646', '312', '617', '206'];

/** Someone who may submit feedback; a customer profile exists when `customerId` is set. */
export interface Submitter {
  email: string;
  alternate?: string;
  name: string;
  phone?: string;
}

export function seedCustomers(
  random: () => number,
  now: Date,
  workspace: Workspace,
  people: readonly Person[],
  count: number,
  customers: Map<string, Customer>,
): Submitter[] {
  const submitters: Submitter[] = [];
  const taken = new Set<string>();
  const pool = people.slice(0, Math.min(people.length, Math.round(count * 1.2)));
  pool.forEach((person, i) => {
    const email = person.email.toLowerCase();
    if (taken.has(email)) return;
    taken.add(email);
    const submitter: Submitter = { email, name: person.name };
    const local = email.split('@')[0] ?? 'user';
    const alternate = `${local}.${i}@gmail.com`;
    if (random() < 0.06 && !taken.has(alternate)) {
      taken.add(alternate);
      submitter.alternate = alternate;
    }
    if (random() < 0.6)
      submitter.phone = `+1${pick(random, AREA_CODES)}${String(i).padStart(7, '0')}`;
    submitters.push(submitter);
    // The first `count` people are customers; the rest only ever left feedback.
    if (i >= count) return;
    const stamp = new Date(now.getTime() - intBetween(random, 30, 700) * DAY).toISOString();
    const customer: Customer = {
      id: newId(random, 'cust', 16),
      workspaceId: workspace.id,
      name: person.name,
      primaryEmail: email,
      primaryPhone: submitter.phone ?? null,
      emails: submitter.alternate ? [email, submitter.alternate] : [email],
      phones: submitter.phone ? [submitter.phone] : [],
      socialHandles:
        random() < 0.2
          ? [{ platform: 'linkedin', handle: local.replace(/\./g, '-'), accountId: `li_${i}` }]
          : [],
      company: person.company.name,
      tags: CUSTOMER_TAGS.filter(() => random() < 0.12),
      feedbackCount: 0,
      channels: random() < 0.3 ? ['email'] : [],
      lastSeenAt: null,
      firstSeenAt: null,
      notes: random() < 0.15 ? `${person.role} in ${person.department}; prefers email.` : null,
      customFields:
        random() < 0.3 ? { region: person.region, seats: intBetween(random, 5, 500) } : {},
      timezone: random() < 0.5 ? pick(random, TIMEZONES) : null,
      language: random() < 0.5 ? pick(random, LANGUAGES) : null,
      mergedCustomerIds: [],
      createdAt: stamp,
      updatedAt: stamp,
    };
    customers.set(customer.id, customer);
  });
  return submitters;
}

/** After feedback is linked: profiles without feedback still have a plausible history. */
export function settleCustomers(random: () => number, now: Date, customers: Iterable<Customer>) {
  for (const customer of customers) {
    if (customer.feedbackCount === 0 && customer.channels.includes('email')) {
      const seen = new Date(now.getTime() - intBetween(random, 1, 300) * DAY).toISOString();
      customer.firstSeenAt = seen;
      customer.lastSeenAt = seen;
    }
    if (customer.channels.length === 0 && customer.feedbackCount === 0) {
      customer.channels.push('email');
    }
    if (customer.firstSeenAt && customer.firstSeenAt < customer.createdAt) {
      customer.createdAt = customer.firstSeenAt;
    }
    customer.updatedAt = customer.lastSeenAt ?? customer.createdAt;
    if (customer.updatedAt < customer.createdAt) customer.updatedAt = customer.createdAt;
  }
}

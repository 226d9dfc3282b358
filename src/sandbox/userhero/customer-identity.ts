// How customers are told apart: emails compare lower-cased; phones compare by their digits only,
// so `+1 415-555-0100`, `14155550100` and a `+` that a query string decoded to a space all match.
import type { Customer, UserHeroData } from './model.js';

export const emailKey = (email: string) => email.trim().toLowerCase();
export const phoneKey = (phone: string) => phone.replace(/\D/g, '');

export function customersInWorkspace(data: UserHeroData, workspaceId: string): Customer[] {
  return [...data.customers.values()].filter((customer) => customer.workspaceId === workspaceId);
}

export function findByEmail(data: UserHeroData, workspaceId: string, email: string) {
  const key = emailKey(email);
  return customersInWorkspace(data, workspaceId).find((c) => c.emails.includes(key));
}

export function findByPhone(data: UserHeroData, workspaceId: string, phone: string) {
  const key = phoneKey(phone);
  if (key === '') return undefined;
  return customersInWorkspace(data, workspaceId).find((c) =>
    c.phones.some((own) => phoneKey(own) === key),
  );
}

/** The first customer other than `self` that already owns one of these emails or phones. */
export function ownerOfAny(
  data: UserHeroData,
  workspaceId: string,
  emails: readonly string[],
  phones: readonly string[],
  self?: string,
): Customer | undefined {
  for (const email of emails) {
    const owner = findByEmail(data, workspaceId, email);
    if (owner && owner.id !== self) return owner;
  }
  for (const phone of phones) {
    const owner = findByPhone(data, workspaceId, phone);
    if (owner && owner.id !== self) return owner;
  }
  return undefined;
}

/** Primary value first, no duplicates (by `key`). */
export function withPrimary(
  primary: string | null,
  values: readonly string[],
  key: (value: string) => string,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of primary === null ? values : [primary, ...values]) {
    const k = key(value);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(value);
  }
  return out;
}

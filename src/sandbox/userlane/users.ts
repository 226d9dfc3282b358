import { intBetween } from '../random.js';
import type { Person } from '../types.js';

export interface UserlaneUser {
  id: string;
  applicationUserId: string;
  /** The seeded person, or undefined for accounts only Userlane knows (test and admin users). */
  person: Person | undefined;
  /** Listed in the user directory CSV the gateway reads. */
  inDirectory: boolean;
}

/**
 * Every seeded person has a Userlane account. About one in a hundred is missing from the user
 * directory, and a few accounts belong to nobody seeded, so both "unknown user" paths exist.
 */
export function userlaneUsers(random: () => number, people: readonly Person[]): UserlaneUser[] {
  const users: UserlaneUser[] = people.map((person, i) => ({
    id: person.userlaneUserId,
    applicationUserId: person.applicationUserId,
    person,
    inDirectory: i % 97 !== 42,
  }));
  const taken = new Set(users.map((user) => user.id));
  while (users.length < people.length + 4) {
    const id = String(intBetween(random, 10_000, 99_999));
    if (taken.has(id)) continue;
    taken.add(id);
    users.push({
      id,
      applicationUserId: String(intBetween(random, 1_000_000, 9_999_999)),
      person: undefined,
      inDirectory: false,
    });
  }
  // Ids share one width, so string and numeric order agree; lists sort by it.
  return users.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Activity is skewed: the first users of a shuffled order are the power users. */
export function activityOrder(
  random: () => number,
  users: readonly UserlaneUser[],
): UserlaneUser[] {
  const order = [...users];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function pickActive(random: () => number, order: readonly UserlaneUser[]): UserlaneUser {
  return order[Math.floor(random() ** 1.4 * order.length)] ?? order[0]!;
}

export const userRef = (user: UserlaneUser) => ({
  id: user.id,
  applicationUserId: user.applicationUserId,
});

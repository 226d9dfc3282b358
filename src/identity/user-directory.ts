import { readFile } from 'node:fs/promises';
import { csvRecords } from './csv.js';

/** A Userlane user as the user directory knows them: a person, by lower-cased email. */
export interface DirectoryPerson {
  userId: string;
  applicationUserId: string;
  email: string;
  name: string | null;
  role: string | null;
  region: string | null;
  department: string | null;
}

export interface UserDirectory {
  byUserId(userId: string): DirectoryPerson | undefined;
  byApplicationUserId(applicationUserId: string): DirectoryPerson | undefined;
  /** A person may hold several Userlane users (several apps or accounts). */
  byEmail(email: string): DirectoryPerson[];
  size: number;
}

export const EMPTY_DIRECTORY: UserDirectory = {
  byUserId: () => undefined,
  byApplicationUserId: () => undefined,
  byEmail: () => [],
  size: 0,
};

/** `USER_DIRECTORY`: `userId,applicationUserId,email,name,role,region,department`. */
export async function loadUserDirectory(path: string): Promise<UserDirectory> {
  const records = csvRecords(await readFile(path, 'utf8'));
  const byUser = new Map<string, DirectoryPerson>();
  const byApp = new Map<string, DirectoryPerson>();
  const byEmail = new Map<string, DirectoryPerson[]>();
  for (const record of records) {
    const email = record.email?.toLowerCase();
    if (!record.userId || !email) continue;
    const person: DirectoryPerson = {
      userId: record.userId,
      applicationUserId: record.applicationUserId ?? '',
      email,
      name: record.name || null,
      role: record.role || null,
      region: record.region || null,
      department: record.department || null,
    };
    byUser.set(person.userId, person);
    if (person.applicationUserId) byApp.set(person.applicationUserId, person);
    byEmail.set(email, [...(byEmail.get(email) ?? []), person]);
  }
  return {
    byUserId: (id) => byUser.get(id),
    byApplicationUserId: (id) => byApp.get(id),
    byEmail: (email) => byEmail.get(email.toLowerCase()) ?? [],
    size: byUser.size,
  };
}

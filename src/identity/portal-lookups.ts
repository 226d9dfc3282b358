import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvRecords } from './csv.js';

/**
 * Names from the Userlane Portal's CSV exports (`USERLANE_LOOKUPS_DIR`): the analytics APIs only
 * return ids. An id missing from an export, or an export missing altogether, has no name.
 */
export interface PortalLookups {
  tagName(tagId: string): string | null;
  taskName(taskId: number | string): string | null;
  /** Ids of every tag and task the exports name, for listing without analytics data. */
  tagIds(): string[];
  taskIds(): string[];
  actionName(taskId: number | string, actionId: number | string): Promise<string | null>;
}

export const NO_LOOKUPS: PortalLookups = {
  tagName: () => null,
  taskName: () => null,
  tagIds: () => [],
  taskIds: () => [],
  actionName: async () => null,
};

export async function loadPortalLookups(dir: string): Promise<PortalLookups> {
  const [tags, tasks] = await Promise.all([
    readNames(join(dir, 'tags.csv')),
    readNames(join(dir, 'tasks.csv')),
  ]);
  // One export per task; read on first use, as a property may have hundreds of tasks.
  const actions = new Map<string, Promise<Map<string, string>>>();
  return {
    tagName: (id) => tags.get(String(id)) ?? null,
    taskName: (id) => tasks.get(String(id)) ?? null,
    tagIds: () => [...tags.keys()],
    taskIds: () => [...tasks.keys()],
    async actionName(taskId, actionId) {
      const key = String(taskId);
      if (!/^[\w-]+$/.test(key)) return null;
      let names = actions.get(key);
      if (!names) {
        names = readNames(join(dir, `task-${key}-actions.csv`));
        actions.set(key, names);
      }
      return (await names).get(String(actionId)) ?? null;
    },
  };
}

async function readNames(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const names = new Map<string, string>();
  for (const record of csvRecords(text)) {
    const id = record.ID ?? record.Id ?? record.id;
    const name = record.Name ?? record.name;
    if (id && name) names.set(id, name);
  }
  return names;
}

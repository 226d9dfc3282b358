import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DAY_MS } from '../dates.js';
import { toCsv } from '../seed/csv.js';
import { vendorSpelling } from '../seed/people.js';
import type { UserlaneSim } from './app.js';

export interface UserlaneFiles {
  userDirectory: string;
  lookupsDir: string;
}

// A few ids are left out of each Portal export on purpose, so that "no name known" paths exist.
const TAGS_LEFT_OUT = new Set([7, 19]);
const TASK_LEFT_OUT = 9;
const TASK_WITHOUT_ACTIONS_EXPORT = 10;
const TASKS_MISSING_LAST_ACTION = new Set([2, 7]);

/** The Portal's CSV exports and the user directory, as the gateway's configuration expects. */
export async function writeUserlaneFiles(
  dir: string,
  sim: UserlaneSim,
  random: () => number,
): Promise<UserlaneFiles> {
  const files = new Map<string, string>();
  const { tags, tasks, retiredTask } = sim.catalog;
  files.set(
    'tags.csv',
    toCsv(
      ['ID', 'Name', 'Date tagged'],
      tags
        .filter((_, i) => !TAGS_LEFT_OUT.has(i))
        .map((tag) => [tag.tagId, tag.name, portalDate(tag.createdDay)]),
    ),
  );
  files.set(
    'tasks.csv',
    toCsv(
      ['ID', 'Name', 'Steps'],
      [
        ...tasks
          .filter((_, i) => i !== TASK_LEFT_OUT)
          .map((task) => [task.taskId, task.name, task.actions.length]),
        [retiredTask.taskId, retiredTask.name, 0],
      ],
    ),
  );
  tasks.forEach((task, i) => {
    if (i === TASK_WITHOUT_ACTIONS_EXPORT) return;
    const actions = TASKS_MISSING_LAST_ACTION.has(i) ? task.actions.slice(0, -1) : task.actions;
    files.set(
      `task-${task.taskId}-actions.csv`,
      toCsv(
        ['ID', 'Name', 'Step'],
        actions.map((action, index) => [action.actionId, action.name, index + 1]),
      ),
    );
  });
  const userDirectory = 'user-directory.csv';
  files.set(
    userDirectory,
    toCsv(
      ['userId', 'applicationUserId', 'email', 'name', 'role', 'region', 'department'],
      sim.users.flatMap(({ id, applicationUserId, person, inDirectory }) =>
        person && inDirectory
          ? [
              [
                id,
                applicationUserId,
                vendorSpelling(random, person.email, 0.05),
                person.name,
                person.role,
                person.region,
                person.department,
              ],
            ]
          : [],
      ),
    ),
  );
  await Promise.all([...files].map(([name, text]) => writeFile(join(dir, name), text)));
  return { userDirectory: join(dir, userDirectory), lookupsDir: dir };
}

/** `9 Jul 2025`, as the Portal's tag list shows dates. */
function portalDate(day: number): string {
  const date = new Date(day * DAY_MS);
  const month = date.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}

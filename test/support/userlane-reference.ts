// Expected Userlane Tags and Tasks answers, computed from the sandbox's seeded datasets and the
// Portal CSV files it wrote (read here as plain lines, independently of the gateway's reader).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox/index.js';

const DAY_MS = 86_400_000;

export interface Range {
  from: string;
  to: string;
}

export const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The range of the `days` UTC days ending `endAgo` days before the sandbox's today. */
export function lastDays(sandbox: Sandbox, days: number, endAgo = 0): Range {
  const today = Math.floor(sandbox.seed.now.getTime() / DAY_MS);
  return { from: dateOf(today - endAgo - days + 1), to: dateOf(today - endAgo) };
}

export function tagRows(sandbox: Sandbox, range: Range) {
  return sandbox.seed.userlane.tags.page(dayOf(range.from), dayOf(range.to), 0, 10_000_000);
}

export function taskRows(sandbox: Sandbox, range: Range) {
  const tasks = sandbox.seed.userlane.tasks;
  const rows = [];
  for (let day = dayOf(range.from); day <= dayOf(range.to); day++) {
    if (tasks.hasSessions(day)) rows.push(...tasks.activity(day));
  }
  return rows;
}

export function actionRows(sandbox: Sandbox, taskId: number, range: Range) {
  const tasks = sandbox.seed.userlane.tasks;
  const index = tasks.taskIndex(taskId);
  const rows = [];
  for (let day = dayOf(range.from); day <= dayOf(range.to); day++) {
    if (index >= 0 && tasks.hasSessions(day, index)) rows.push(...tasks.actions(day, index));
  }
  return rows;
}

/** Whether a Portal export lists an id (its first column), and the export's presence. */
export function portalExports(sandbox: Sandbox) {
  const dir = sandbox.env.USERLANE_LOOKUPS_DIR as string;
  const lines = (file: string) =>
    existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').split(/\r?\n/) : [];
  const lists = (file: string, id: string | number) =>
    lines(file).some((line) => line.startsWith(`${id},`));
  return {
    hasTag: (tagId: string) => lists('tags.csv', tagId),
    hasTask: (taskId: number) => lists('tasks.csv', taskId),
    hasAction: (taskId: number, actionId: number) => lists(`task-${taskId}-actions.csv`, actionId),
  };
}

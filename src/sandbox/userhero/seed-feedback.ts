import { intBetween, pick } from '../random.js';
import { newId, randomChars } from './ids.js';
import type { Feedback, Member, Priority, Project, Widget, Workspace } from './model.js';
import type { Submitter } from './seed-customers.js';
import {
  BROWSERS,
  CATEGORIES,
  type Category,
  feedbackMessage,
  OPERATING_SYSTEMS,
  PAGES,
  TAGS,
} from './seed-text.js';

const DAY = 24 * 3600 * 1000;
const STORAGE = 'https://storage.googleapis.com/userhero-uploads';

export interface FeedbackPlan {
  workspace: Workspace;
  /** Projects with their share of the volume. */
  projects: { project: Project; weight: number }[];
  widgets: readonly Widget[];
  submitters: readonly Submitter[];
  count: number;
}

function weighted<T>(random: () => number, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = entries.at(-1);
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
}

function status(random: () => number, project: Project, ageDays: number): string {
  const custom = project.customStatuses.map((s) => [s.id, 3] as const);
  const recent = ageDays < 7;
  return weighted(random, [
    ['new', recent ? 45 : 10],
    ['in-progress', recent ? 30 : 15],
    ['reopened', 5],
    ['resolved', recent ? 10 : 45],
    ['archived', recent ? 0 : 20],
    ...custom,
  ]);
}

/** Mixed-case spellings of a canonical address, as users type them. */
function spelledAs(random: () => number, email: string): string {
  const roll = random();
  if (roll < 0.08) return email.toUpperCase();
  if (roll < 0.18)
    return email.replace(/(^|[.@])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  return email;
}

/** Values that pass the project's own custom field validation. */
function sampleCustomFields(random: () => number, project: Project): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const def of project.customFieldDefinitions) {
    if (def.isDefault) continue;
    const condition = def.visibilityCondition;
    if (condition && values[condition.fieldId] !== condition.value) continue;
    if (!def.required && random() < 0.4) continue;
    if (def.type === 'select') {
      const parent = def.optionsByParent;
      const parentValue = parent ? values[parent.parentFieldId] : undefined;
      if (parent && typeof parentValue !== 'string') continue;
      const options = parent ? (parent.map[parentValue as string] ?? []) : (def.options ?? []);
      if (options.length > 0) values[def.id] = pick(random, options);
    } else if (def.type === 'number') {
      values[def.id] = intBetween(
        random,
        def.validation?.min ?? 0,
        Math.min(def.validation?.max ?? 100, 500),
      );
    } else if (def.type === 'textarea') {
      values[def.id] = 'Reported during onboarding call.';
    } else if (def.label === 'App version') {
      values[def.id] =
        `${intBetween(random, 3, 5)}.${intBetween(random, 0, 12)}.${intBetween(random, 0, 9)}`;
    } else {
      values[def.id] = `T0${randomChars(random, 7, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
    }
  }
  return values;
}

/** Seeds `plan.count` items oldest first, numbering tickets 1..N in that order. */
export function seedFeedback(random: () => number, now: Date, plan: FeedbackPlan): Feedback[] {
  const { workspace, submitters } = plan;
  const agents = workspace.members;
  const stamps = Array.from(
    { length: plan.count },
    () => now.getTime() - 60_000 - Math.floor(random() * 365 * DAY),
  ).sort((a, b) => a - b);

  return stamps.map((time) => {
    const project = weighted(
      random,
      plan.projects.map((p) => [p.project, p.weight] as const),
    );
    const widgets = plan.widgets.filter((w) => w.projectId === project.id);
    const category: Category | null = random() < 0.05 ? null : pick(random, CATEGORIES);
    const ageDays = (now.getTime() - time) / DAY;
    const priority: Priority | null =
      random() < 0.4
        ? null
        : weighted(random, [
            ['low', 30],
            ['medium', 35],
            ['high', 25],
            ['urgent', 10],
          ] as const);
    const sla = priority ? project.slaRules.find((rule) => rule.priority === priority) : undefined;
    const assignee: Member | null = random() < 0.55 ? pick(random, agents) : null;
    const watchers = new Set(assignee ? [assignee.id] : []);
    if (random() < 0.3) watchers.add(pick(random, agents).id);

    const roll = random();
    const submitter = roll < 0.8 && submitters.length > 0 ? pick(random, submitters) : undefined;
    let userEmail: string | null = null;
    if (submitter) {
      const address = submitter.alternate && random() < 0.4 ? submitter.alternate : submitter.email;
      userEmail = spelledAs(random, address);
    } else if (roll < 0.85) {
      userEmail = `visitor${intBetween(random, 100, 9999)}@example.org`;
    }
    const mobile = project.type !== 'web';
    const metadata: Record<string, unknown> | null =
      random() < 0.35
        ? {
            plan: pick(random, ['free', 'starter', 'pro', 'enterprise']),
            accountId: `acc_${intBetween(random, 10000, 99999)}`,
          }
        : null;
    if (metadata && project.customFieldDefinitions.length > 0 && random() < 0.7) {
      metadata.customFields = sampleCustomFields(random, project);
    }
    const createdAt = new Date(time).toISOString();
    const id = newId(random, 'fb', 20);
    return {
      id,
      ticketNumber: workspace.nextTicketNumber++,
      workspaceId: workspace.id,
      projectId: project.id,
      widgetId: widgets.length > 0 && random() < 0.7 ? pick(random, widgets).id : 'api',
      message: feedbackMessage(random, category ?? pick(random, CATEGORIES)),
      category,
      rating:
        category === 'praise'
          ? intBetween(random, 4, 5)
          : random() < 0.35
            ? intBetween(random, 1, 5)
            : null,
      status: status(random, project, ageDays),
      tags: TAGS.filter(() => random() < 0.12),
      priority,
      assigneeId: assignee?.id ?? null,
      watcherIds: [...watchers],
      dueDate: sla ? new Date(time + sla.hours * 3600_000).toISOString() : null,
      userEmail,
      userName: submitter && random() < 0.6 ? submitter.name : null,
      userPhone: submitter?.phone && random() < 0.2 ? submitter.phone : null,
      screenshotUrl:
        category === 'bug' && random() < 0.4
          ? `${STORAGE}/${workspace.id}/media/${id}/screenshot.png`
          : null,
      attachmentUrl:
        random() < 0.05 ? `${STORAGE}/${workspace.id}/media/${id}/attachment.jpg` : null,
      audioUrl: random() < 0.03 ? `${STORAGE}/${workspace.id}/media/${id}/recording.webm` : null,
      videoUrl: random() < 0.02 ? `${STORAGE}/${workspace.id}/media/${id}/recording.mp4` : null,
      context: mobile
        ? {
            os: pick(random, OPERATING_SYSTEMS.slice(3)),
            appVersion: `4.${intBetween(random, 0, 12)}.0`,
          }
        : {
            page: pick(random, PAGES),
            browser: pick(random, BROWSERS),
            os: pick(random, OPERATING_SYSTEMS.slice(0, 3)),
          },
      customMetadata: metadata,
      votes: category === 'feature' ? intBetween(random, 0, 40) : intBetween(random, 0, 3),
      isPublic: random() < (category === 'feature' ? 0.5 : 0.05),
      createdAt,
      updatedAt: new Date(time + Math.floor(random() * (now.getTime() - time))).toISOString(),
      customerId: null,
      customerCommentsEnabled: project.customerCommentsEnabled && random() >= 0.08,
    } satisfies Feedback;
  });
}

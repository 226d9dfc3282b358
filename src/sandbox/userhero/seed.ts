// Deterministic seed: the same ctx.random, ctx.now and ctx.scale always give the same data.
import type { VendorContext } from '../types.js';
import { linkFeedback } from './customer-links.js';
import type { Customer, UserHeroData, Workspace } from './model.js';
import { seedAutomations } from './seed-automations.js';
import { seedConversations } from './seed-conversations.js';
import { seedCustomers, settleCustomers } from './seed-customers.js';
import { seedFeedback } from './seed-feedback.js';
import { seedFrame } from './seed-structure.js';
import type { ApiUser } from './state.js';

/** Volumes at scale 1; each is multiplied by ctx.scale. */
export const SEED_VOLUMES = {
  mainFeedback: 1200,
  secondFeedback: 40,
  disabledFeedback: 10,
  mainCustomers: 400,
  secondCustomers: 20,
  automationsPerMainProject: 15,
  automationsPerOtherProject: 4,
};

export interface Seeded {
  data: UserHeroData;
  workspaceId: string;
  user: ApiUser;
}

export function emptyData(): UserHeroData {
  return {
    workspaces: new Map(),
    projects: new Map(),
    widgets: new Map(),
    webhooks: new Map(),
    feedback: new Map(),
    comments: new Map(),
    notes: new Map(),
    customers: new Map(),
    automations: new Map(),
    runs: new Map(),
    uploads: [],
  };
}

function linkAll(data: UserHeroData) {
  const owners = new Map<string, Customer>();
  for (const customer of data.customers.values()) {
    for (const email of customer.emails) owners.set(`${customer.workspaceId} ${email}`, customer);
  }
  for (const item of data.feedback.values()) {
    if (!item.userEmail) continue;
    const owner = owners.get(`${item.workspaceId} ${item.userEmail.toLowerCase()}`);
    if (owner) linkFeedback(owner, item);
  }
}

export function seedUserHero(ctx: VendorContext): Seeded {
  const { random, now } = ctx;
  const scaled = (n: number) => Math.max(1, Math.round(n * ctx.scale));
  const data = emptyData();
  const frame = seedFrame(random, now, data);
  const projectsOf = (ws: Workspace) =>
    [...data.projects.values()].filter((project) => project.workspaceId === ws.id);
  const widgets = [...data.widgets.values()];

  const plans = [
    { ws: frame.main, feedback: SEED_VOLUMES.mainFeedback, customers: SEED_VOLUMES.mainCustomers },
    {
      ws: frame.second,
      feedback: SEED_VOLUMES.secondFeedback,
      customers: SEED_VOLUMES.secondCustomers,
    },
    { ws: frame.disabled, feedback: SEED_VOLUMES.disabledFeedback, customers: 0 },
  ];
  for (const plan of plans) {
    const customers = Math.min(
      ctx.people.length,
      plan.customers === 0 ? 0 : scaled(plan.customers),
    );
    const submitters = seedCustomers(random, now, plan.ws, ctx.people, customers, data.customers);
    const weights = [45, 20, 20, 15];
    const items = seedFeedback(random, now, {
      workspace: plan.ws,
      projects: projectsOf(plan.ws).map((project, i) => ({ project, weight: weights[i] ?? 10 })),
      widgets,
      submitters,
      count: scaled(plan.feedback),
    });
    for (const item of items) data.feedback.set(item.id, item);
    seedConversations(random, now, plan.ws, items, data);
  }
  linkAll(data);
  settleCustomers(random, now, data.customers.values());

  const feedbackByProject = new Map<string, string[]>();
  for (const item of data.feedback.values()) {
    const ids = feedbackByProject.get(item.projectId) ?? [];
    ids.push(item.id);
    feedbackByProject.set(item.projectId, ids);
  }
  for (const project of data.projects.values()) {
    const main = project.workspaceId === frame.main.id;
    const workspace = main
      ? frame.main
      : project.workspaceId === frame.second.id
        ? frame.second
        : frame.disabled;
    seedAutomations(random, now, data, {
      workspace,
      project,
      count: scaled(
        main ? SEED_VOLUMES.automationsPerMainProject : SEED_VOLUMES.automationsPerOtherProject,
      ),
      feedbackIds: feedbackByProject.get(project.id) ?? [],
      formerMember: main ? frame.formerMember : undefined,
    });
  }
  return { data, workspaceId: frame.main.id, user: frame.user };
}

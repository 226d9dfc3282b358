// Expected values for the UserHero schema tests, read from the sandbox itself (its REST answers or
// its live seed), never written down by hand.
import { encodeGlobalId } from '../../src/global-id.js';
import type { Feedback as SeedFeedback } from '../../src/sandbox/userhero/model.js';
import type { TestGateway } from '../support/gateway.js';

/** A JSON object as the vendor sent it; tests read its fields freely. */
export type Json = Record<string, unknown>;

/** One REST call straight to the UserHero simulator (outside the gateway), its log entry removed. */
export async function vendorGet(
  gw: TestGateway,
  path: string,
  query: Record<string, string | number> = {},
): Promise<Json> {
  const url = new URL(`${gw.sandbox.env.USERHERO_BASE_URL}${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${gw.sandbox.env.USERHERO_API_KEY}` },
  });
  const body = (await res.json()) as Json;
  gw.sandbox.log.clear();
  return body;
}

export function mainWorkspace(gw: TestGateway): string {
  return gw.sandbox.seed.userhero.workspaceId;
}

/** The seeded feedback of a workspace, newest first (the simulator's list order). */
export function seedFeedback(
  gw: TestGateway,
  keep: (item: SeedFeedback) => boolean = () => true,
  workspaceId = mainWorkspace(gw),
): SeedFeedback[] {
  return [...gw.sandbox.seed.userhero.data.feedback.values()]
    .filter((item) => item.workspaceId === workspaceId && keep(item))
    .reverse();
}

export function userheroCalls(gw: TestGateway, path?: string | RegExp, method = 'GET'): number {
  return gw.sandbox.log.count({ vendor: 'userhero', method, path });
}

export function userheroPaths(gw: TestGateway): string[] {
  return gw.sandbox.log.entries({ vendor: 'userhero' }).map((e) => `${e.method} ${e.path}`);
}

/** The gateway's global id of a UserHero record whose node key joins these parts. */
export function globalId(typename: string, ...parts: string[]): string {
  return encodeGlobalId(typename, parts.map(encodeURIComponent).join(':'));
}

/** Most calls that were in flight at once among these log entries. */
export function maxInFlight(entries: { startedAt: number; durationMs: number }[]): number {
  const edges = entries.flatMap((e) => [
    { at: e.startedAt, d: 1 },
    { at: e.startedAt + e.durationMs, d: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const edge of edges) {
    now += edge.d;
    max = Math.max(max, now);
  }
  return max;
}

export const FEEDBACK_FIELDS = `
  id feedbackId ticketNumber workspaceId projectId widgetId message category rating status
  statusCategory tags priority assigneeId assigneeName assigneeEmail watcherIds dueDate
  slaBreached userEmail userName userPhone screenshotUrl attachmentUrl audioUrl videoUrl context
  customMetadata votes isPublic createdAt updatedAt
`;

/** The gateway's Feedback fields as the vendor's JSON says them. */
export function expectedFeedback(wire: Json): Json {
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  return {
    id: globalId('Feedback', wire.workspaceId as string, wire.id as string),
    feedbackId: wire.id,
    ticketNumber: wire.ticketNumber,
    workspaceId: wire.workspaceId,
    projectId: wire.projectId,
    widgetId: wire.widgetId,
    message: wire.message,
    category: wire.category,
    rating: wire.rating,
    status: wire.status,
    statusCategory: (wire.statusCategory as string).toUpperCase(),
    tags: wire.tags,
    priority: wire.priority,
    assigneeId: wire.assigneeId,
    assigneeName: wire.assigneeName,
    assigneeEmail: lower(wire.assigneeEmail),
    watcherIds: wire.watcherIds,
    dueDate: wire.dueDate,
    slaBreached: wire.slaBreached,
    userEmail: lower(wire.userEmail),
    userName: wire.userName,
    userPhone: wire.userPhone,
    screenshotUrl: wire.screenshotUrl,
    attachmentUrl: wire.attachmentUrl,
    audioUrl: wire.audioUrl,
    videoUrl: wire.videoUrl,
    context: wire.context,
    customMetadata: wire.customMetadata,
    votes: wire.votes,
    isPublic: wire.isPublic,
    createdAt: wire.createdAt,
    updatedAt: wire.updatedAt,
  };
}

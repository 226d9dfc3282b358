import { intBetween, pick } from '../random.js';
import { timedId, uuid } from './ids.js';
import type { Attachment, Comment, Feedback, Note, UserHeroData, Workspace } from './model.js';
import { AGENT_REPLIES, CUSTOMER_REPLIES, NOTE_TEXTS } from './seed-text.js';

const STORAGE = 'https://storage.googleapis.com/userhero-uploads';

function attachment(random: () => number, item: Feedback, at: Date): Attachment {
  const id = timedId(random, 'att', at);
  return {
    id,
    url: `${STORAGE}/${item.workspaceId}/conversations/${item.id}/${id}.png`,
    type: 'image',
    fileName: 'screenshot.png',
    fileSize: intBetween(random, 20_000, 900_000),
    mimeType: 'image/png',
  };
}

/** Moments after `from` and before `now`, in order. */
function times(random: () => number, from: string, now: Date, count: number): Date[] {
  const start = Date.parse(from);
  return Array.from({ length: count }, () => start + Math.floor(random() * (now.getTime() - start)))
    .sort((a, b) => a - b)
    .map((t) => new Date(t));
}

/** Threads on about a quarter of the items, notes on about a sixth. */
export function seedConversations(
  random: () => number,
  now: Date,
  workspace: Workspace,
  items: readonly Feedback[],
  data: UserHeroData,
) {
  for (const item of items) {
    if (random() < 0.25) {
      const customerName = item.userName ?? 'Customer';
      const thread: Comment[] = times(random, item.createdAt, now, intBetween(random, 1, 4)).map(
        (at, i) => {
          const fromCustomer =
            i % 2 === 1 && item.customerCommentsEnabled && item.userEmail !== null;
          const agent = pick(random, workspace.members);
          return {
            id: timedId(random, 'cc', at),
            feedbackId: item.id,
            message: pick(random, fromCustomer ? CUSTOMER_REPLIES : AGENT_REPLIES),
            authorType: fromCustomer ? 'customer' : 'agent',
            authorName: fromCustomer ? customerName : agent.name,
            authorEmail: fromCustomer ? item.userEmail : agent.email,
            attachments: fromCustomer && random() < 0.2 ? [attachment(random, item, at)] : [],
            createdAt: at.toISOString(),
          };
        },
      );
      data.comments.set(item.id, thread);
    }
    if (random() < 0.16) {
      const notes: Note[] = times(random, item.createdAt, now, intBetween(random, 1, 2)).map(
        (at) => {
          const author = pick(random, workspace.members);
          const mentioned = random() < 0.3 ? [pick(random, workspace.members).id] : [];
          for (const id of mentioned) if (!item.watcherIds.includes(id)) item.watcherIds.push(id);
          const content = pick(random, NOTE_TEXTS);
          return {
            id: uuid(random),
            feedbackId: item.id,
            content,
            contentHtml: `<p>${content}</p>`,
            mentions: mentioned,
            authorName: author.name,
            authorEmail: author.email,
            attachments: [],
            createdAt: at.toISOString(),
          };
        },
      );
      data.notes.set(item.id, notes);
    }
  }
}

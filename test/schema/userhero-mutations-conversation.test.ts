import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { globalId, mainWorkspace, seedFeedback } from './userhero-fixtures.js';
import { data, expectRefused, received } from './userhero-mutations-fixtures.js';

// Comments and internal notes: the documented bodies, the documented limits checked before any
// call, and the feedback item read fresh after each write, even within one request.

let gw: TestGateway;
let ws: string;
beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.log.clear());

const COMMENT = `mutation($input: AddCommentInput!) {
  addFeedbackComment(input: $input) {
    comment { id message authorType authorName authorEmail attachments { id } createdAt }
    feedback { id comments { id message } }
  }
}`;
const NOTE = `mutation($input: AddNoteInput!) {
  addFeedbackNote(input: $input) {
    note { id content contentHtml authorName mentions attachments { id } }
    feedback { id watcherIds notes { id content } }
  }
}`;

interface CommentOut {
  addFeedbackComment: {
    comment: {
      id: string;
      message: string;
      authorType: string;
      authorName: string;
      authorEmail: string | null;
    };
    feedback: { id: string; comments: { id: string; message: string }[] };
  };
}
interface NoteOut {
  addFeedbackNote: {
    note: { id: string; content: string; contentHtml: string | null; mentions: string[] };
    feedback: { id: string; watcherIds: string[]; notes: { id: string; content: string }[] };
  };
}

const open = () => seedFeedback(gw, (f) => f.customerCommentsEnabled);
const closed = () => seedFeedback(gw, (f) => !f.customerCommentsEnabled);
const feedbackId = (id: string) => globalId('Feedback', ws, id);
const attachment = (i: number) => ({
  id: `att_${i}`,
  url: `https://storage.googleapis.com/userhero-uploads/${i}.png`,
  type: 'image',
  fileName: `${i}.png`,
  fileSize: 100 + i,
  mimeType: 'image/png',
});

describe('addFeedbackComment', () => {
  it('adds an agent reply and answers it with the fresh thread', async () => {
    const item = open()[0]!;
    const result = await gw.query<CommentOut>(COMMENT, {
      input: {
        feedbackId: feedbackId(item.id),
        message: "We've fixed this in the latest release.",
      },
    });
    expect(result.errors, result.body).toEqual([]);
    const [post] = received(gw, 'POST');
    expect(post?.path).toBe(`/feedback/${item.id}/comments`);
    expect(post?.body).toEqual({ message: "We've fixed this in the latest release." });
    const { comment, feedback } = result.data!.addFeedbackComment;
    const user = gw.sandbox.seed.userhero.data.workspaces.get(ws)!.members[0]!;
    expect(comment).toMatchObject({ authorType: 'agent', authorName: user.name });
    expect(feedback.comments.at(-1)).toEqual({ id: comment.id, message: comment.message });
    expect(feedback.comments.map((c) => c.id)).toEqual(
      data(gw)
        .comments.get(item.id)!
        .map((c) => c.id),
    );
    // One write, one fresh read of the item (which carries its thread).
    expect(received(gw).map((e) => `${e.method} ${e.path}`)).toEqual([
      `POST /feedback/${item.id}/comments`,
      `GET /feedback/${item.id}`,
    ]);
  });

  it('adds a customer reply on behalf of the end-user', async () => {
    const item = open()[1]!;
    const input = {
      feedbackId: feedbackId(item.id),
      message: 'The issue is still happening.',
      authorType: 'CUSTOMER',
      authorName: 'John Doe',
      authorEmail: 'john@example.com',
      attachments: [attachment(1)],
    };
    const result = await gw.query<CommentOut>(COMMENT, { input });
    expect(result.errors, result.body).toEqual([]);
    expect(received(gw, 'POST')[0]?.body).toEqual({
      message: 'The issue is still happening.',
      authorType: 'customer',
      authorName: 'John Doe',
      authorEmail: 'john@example.com',
      attachments: [attachment(1)],
    });
    expect(result.data?.addFeedbackComment.comment).toMatchObject({
      authorType: 'customer',
      authorName: 'John Doe',
      authorEmail: 'john@example.com',
    });
  });

  it('is refused by UserHero where customer comments are off (VENDOR_FORBIDDEN)', async () => {
    const item = closed()[0]!;
    const result = await gw.query(COMMENT, {
      input: {
        feedbackId: feedbackId(item.id),
        message: 'hello',
        authorType: 'CUSTOMER',
        authorName: 'John Doe',
        authorEmail: 'john@example.com',
      },
    });
    expectRefused(gw, result, 'VENDOR_FORBIDDEN', 'not enabled');
  });

  it('refuses what the docs forbid before any call', async () => {
    const id = feedbackId(open()[0]!.id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, 'input.message', 'required when there are no attachments'],
      [{ message: 'x'.repeat(2001) }, 'input.message', 'at most 2000 characters'],
      [
        { message: 'hi', authorType: 'CUSTOMER', authorEmail: 'a@b.co' },
        'input.authorName',
        'required for a CUSTOMER comment',
      ],
      [
        { message: 'hi', authorType: 'CUSTOMER', authorName: 'A' },
        'input.authorEmail',
        'required for a CUSTOMER comment',
      ],
      [
        { message: 'hi', authorType: 'CUSTOMER', authorName: 'A', authorEmail: 'nope' },
        'input.authorEmail',
        'email address',
      ],
      [{ attachments: [1, 2, 3, 4].map(attachment) }, 'input.attachments', 'at most 3 entries'],
      [
        { attachments: [{ ...attachment(1), type: 'video' }] },
        'input.attachments[0].type',
        'must be image',
      ],
      [
        { attachments: [{ ...attachment(1), mimeType: 'image/gif' }] },
        'input.attachments[0].mimeType',
        'Upload Media accepts',
      ],
      [
        { attachments: [{ ...attachment(1), fileSize: 6 * 1024 * 1024 }] },
        'input.attachments[0].fileSize',
        'at most',
      ],
    ];
    for (const [change, field, rule] of cases) {
      const result = await gw.query(COMMENT, { input: { feedbackId: id, ...change } });
      const error = expectRefused(gw, result, 'BAD_USER_INPUT', field, rule);
      expect(error.extensions?.field).toBe(field);
    }
    // Exactly at the limit is fine; attachments alone are fine.
    const full = await gw.query(COMMENT, { input: { feedbackId: id, message: 'y'.repeat(2000) } });
    expect(full.errors, full.body).toEqual([]);
    const onlyFiles = await gw.query(COMMENT, {
      input: { feedbackId: id, attachments: [attachment(2)] },
    });
    expect(onlyFiles.errors, onlyFiles.body).toEqual([]);
  });
});

describe('addFeedbackNote', () => {
  it('adds a note whose mentions become watchers, shown by the fresh item', async () => {
    const item = seedFeedback(gw)[3]!;
    const member = data(gw)
      .workspaces.get(ws)!
      .members.find((m) => !item.watcherIds.includes(m.id))!;
    const input = {
      feedbackId: feedbackId(item.id),
      content: 'Customer confirmed this is reproducible on Chrome 120.',
      contentHtml: '<p>Customer confirmed this is reproducible on Chrome 120.</p>',
      mentions: [member.id, member.id],
    };
    const result = await gw.query<NoteOut>(NOTE, { input });
    expect(result.errors, result.body).toEqual([]);
    const [post] = received(gw, 'POST');
    expect(post?.path).toBe(`/feedback/${item.id}/notes`);
    expect(post?.body).toEqual({
      content: input.content,
      contentHtml: input.contentHtml,
      mentions: [member.id],
    });
    const { note, feedback } = result.data!.addFeedbackNote;
    expect(note).toMatchObject({
      content: input.content,
      contentHtml: input.contentHtml,
      mentions: [member.id],
    });
    expect(feedback.watcherIds).toContain(member.id);
    expect(feedback.notes.at(-1)).toEqual({ id: note.id, content: input.content });
  });

  it('reads the item fresh after each write within one request', async () => {
    const item = seedFeedback(gw)[4]!;
    const id = feedbackId(item.id);
    const result = await gw.query<{
      a: NoteOut['addFeedbackNote'];
      b: NoteOut['addFeedbackNote'];
    }>(
      `mutation($a: AddNoteInput!, $b: AddNoteInput!) {
        a: addFeedbackNote(input: $a) { note { id } feedback { notes { id } } }
        b: addFeedbackNote(input: $b) { note { id } feedback { notes { id } } }
      }`,
      { a: { feedbackId: id, content: 'first' }, b: { feedbackId: id, content: 'second' } },
    );
    expect(result.errors, result.body).toEqual([]);
    const { a, b } = result.data!;
    expect(a.feedback.notes.map((n) => n.id)).toContain(a.note.id);
    expect(a.feedback.notes.map((n) => n.id)).not.toContain(b.note.id);
    expect(b.feedback.notes.slice(-2).map((n) => n.id)).toEqual([a.note.id, b.note.id]);
    expect(received(gw, 'GET', `/feedback/${item.id}`)).toHaveLength(2);
  });

  it('replays a note with the same key instead of adding it twice', async () => {
    const item = seedFeedback(gw)[6]!;
    const input = {
      feedbackId: feedbackId(item.id),
      content: 'once only',
      idempotencyKey: 'note-1',
    };
    const first = await gw.query<NoteOut>(NOTE, { input });
    const second = await gw.query<NoteOut>(NOTE, { input });
    expect(second.data?.addFeedbackNote.note).toEqual(first.data?.addFeedbackNote.note);
    expect(
      data(gw)
        .notes.get(item.id)!
        .filter((n) => n.content === 'once only'),
    ).toHaveLength(1);
  });

  it('refuses what the docs forbid before any call, and passes on what UserHero judges', async () => {
    const id = feedbackId(seedFeedback(gw)[0]!.id);
    expectRefused(
      gw,
      await gw.query(NOTE, { input: { feedbackId: id, content: ' ' } }),
      'BAD_USER_INPUT',
      'input.content',
      'required when there are no attachments',
    );
    expectRefused(
      gw,
      await gw.query(NOTE, { input: { feedbackId: id, content: 'z'.repeat(5001) } }),
      'BAD_USER_INPUT',
      'at most 5000 characters',
    );
    expectRefused(
      gw,
      await gw.query(NOTE, { input: { feedbackId: id, content: 'x', mentions: [''] } }),
      'BAD_USER_INPUT',
      'input.mentions[0]',
    );
    expectRefused(
      gw,
      await gw.query(NOTE, { input: { feedbackId: 'fb_raw', content: 'x' } }),
      'BAD_USER_INPUT',
      'input.feedbackId',
    );
    const stranger = await gw.query(NOTE, {
      input: { feedbackId: id, content: 'x', mentions: ['user_nobody'] },
    });
    expectRefused(gw, stranger, 'BAD_USER_INPUT', 'not a workspace member');
    expect(received(gw, 'POST')).toHaveLength(1);
  });
});

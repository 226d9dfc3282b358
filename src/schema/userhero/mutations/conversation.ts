// Comments (the customer thread) and internal notes of a feedback item.
import { cost, READ, LOOKUP } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import type { Comment as CommentShape, Note as NoteShape } from '../../../domain/feedback.js';
import { normalizeEmail } from '../../../domain/text.js';
import type {
  AddCommentInput as VendorComment,
  AddNoteInput as VendorNote,
} from '../../../vendors/userhero/requests.js';
import * as rules from '../../../writes/userhero-rules.js';
import { InputChecks } from '../../../writes/validate.js';
import { Comment, Note } from '../conversation.js';
import { Feedback } from '../feedback.js';
import { IDEMPOTENCY_KEY_DOC, userheroWrite, writeOptions } from './after-write.js';
import { type InWorkspace, scopedId } from './ids.js';

const CommentAuthorType = builder.enumType('CommentAuthorType', {
  values: {
    AGENT: { value: 'agent', description: 'A reply from the team (the API key user).' },
    CUSTOMER: {
      value: 'customer',
      description: 'A reply on behalf of the end-user: authorName and authorEmail are required.',
    },
  } as const,
});

const AttachmentInput = builder.inputType('AttachmentInput', {
  description:
    'A conversation attachment exactly as uploadFeedbackMedia (with a feedbackId) returned it.',
  fields: (t) => ({
    id: t.id({ required: true }),
    url: t.string({ required: true }),
    type: t.string({ required: true, description: 'image, audio or video.' }),
    fileName: t.string({ required: true }),
    fileSize: t.int({ required: true, description: 'Bytes.' }),
    mimeType: t.string({ required: true }),
  }),
});

const AddCommentInput = builder.inputType('AddCommentInput', {
  description: 'A message for the customer conversation thread: a message, attachments, or both.',
  fields: (t) => ({
    feedbackId: t.id({ required: true, description: 'The Feedback to comment on.' }),
    message: t.string({
      description: `At most ${rules.COMMENT_MAX_CHARS} characters; required without attachments.`,
    }),
    authorType: t.field({ type: CommentAuthorType, description: 'AGENT by default.' }),
    authorName: t.string({ description: 'Required for CUSTOMER comments.' }),
    authorEmail: t.string({ description: 'Required for CUSTOMER comments.' }),
    attachments: t.field({ type: [AttachmentInput], description: 'At most 3.' }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DOC }),
  }),
});

const AddNoteInput = builder.inputType('AddNoteInput', {
  description:
    'An internal note, visible to workspace members only: content, attachments, or both.',
  fields: (t) => ({
    feedbackId: t.id({ required: true, description: 'The Feedback to annotate.' }),
    content: t.string({
      description: `At most ${rules.NOTE_MAX_CHARS} characters; required without attachments.`,
    }),
    contentHtml: t.string({ description: 'Rich text HTML version of the note.' }),
    mentions: t.idList({
      description: 'UserHero user ids mentioned; they become watchers of the feedback.',
    }),
    attachments: t.field({ type: [AttachmentInput], description: 'At most 3.' }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DOC }),
  }),
});

/** The item the write was about, read again after it: its thread and watchers changed. */
const freshFeedback = {
  type: Feedback,
  nullable: true,
  description: 'The feedback item as it is after the write.',
} as const;

const CommentPayload = builder
  .objectRef<{ comment: CommentShape; feedback: InWorkspace }>('CommentPayload')
  .implement({
    fields: (t) => ({
      comment: t.field({ type: Comment, nullable: false, resolve: (p) => p.comment }),
      feedback: t.field({
        extensions: cost(LOOKUP),
        ...freshFeedback,
        resolve: (p, _args, ctx) => ctx.loaders.userhero.feedback.load(p.feedback),
      }),
    }),
  });

const NotePayload = builder
  .objectRef<{ note: NoteShape; feedback: InWorkspace }>('NotePayload')
  .implement({
    fields: (t) => ({
      note: t.field({ type: Note, nullable: false, resolve: (p) => p.note }),
      feedback: t.field({
        extensions: cost(LOOKUP),
        ...freshFeedback,
        resolve: (p, _args, ctx) => ctx.loaders.userhero.feedback.load(p.feedback),
      }),
    }),
  });

type CommentArgs = typeof AddCommentInput.$inferInput;
type NoteArgs = typeof AddNoteInput.$inferInput;

function checkComment(input: CommentArgs) {
  const checks = new InputChecks('input');
  const feedback = scopedId(checks, 'input.feedbackId', input.feedbackId, 'Feedback');
  const attachments = rules.attachments(checks, 'input.attachments', input.attachments ?? []);
  const given = (input.attachments ?? []).length > 0;
  const write: VendorComment = {};
  const message = rules.conversationText(
    checks,
    'input.message',
    input.message,
    rules.COMMENT_MAX_CHARS,
    given,
  );
  if (message !== undefined) write.message = message;
  const authorType = input.authorType ?? 'agent';
  if (input.authorType != null) write.authorType = input.authorType;
  const why = 'for a CUSTOMER comment';
  if (authorType === 'customer') {
    const name = checks.required('input.authorName', input.authorName, why);
    if (name !== undefined) write.authorName = checks.text('input.authorName', name.trim());
    const email = checks.required('input.authorEmail', input.authorEmail, why);
    if (email !== undefined) write.authorEmail = checks.email('input.authorEmail', email);
  } else {
    if (input.authorName != null) {
      write.authorName = checks.text('input.authorName', input.authorName.trim());
    }
    if (input.authorEmail != null) {
      write.authorEmail = checks.email('input.authorEmail', input.authorEmail);
    }
  }
  if (given) write.attachments = attachments;
  const idempotencyKey = rules.idempotencyKey(checks, 'input.idempotencyKey', input.idempotencyKey);
  checks.done();
  return { feedback: feedback ?? { workspaceId: '', id: '' }, write, idempotencyKey };
}

function checkNote(input: NoteArgs) {
  const checks = new InputChecks('input');
  const feedback = scopedId(checks, 'input.feedbackId', input.feedbackId, 'Feedback');
  const attachments = rules.attachments(checks, 'input.attachments', input.attachments ?? []);
  const given = (input.attachments ?? []).length > 0;
  const write: VendorNote = {};
  const content = rules.conversationText(
    checks,
    'input.content',
    input.content,
    rules.NOTE_MAX_CHARS,
    given,
  );
  if (content !== undefined) write.content = content;
  if (input.contentHtml != null) {
    write.contentHtml = checks.text('input.contentHtml', input.contentHtml);
  }
  if (input.mentions != null) {
    const ids = rules.texts(checks, 'input.mentions', input.mentions.map(String));
    write.mentions = [...new Set(ids)];
  }
  if (given) write.attachments = attachments;
  const idempotencyKey = rules.idempotencyKey(checks, 'input.idempotencyKey', input.idempotencyKey);
  checks.done();
  return { feedback: feedback ?? { workspaceId: '', id: '' }, write, idempotencyKey };
}

builder.mutationField('addFeedbackComment', (t) =>
  t.field({
    extensions: cost(READ),
    type: CommentPayload,
    nullable: false,
    description:
      'Adds a comment to the customer conversation thread. A CUSTOMER comment needs customer ' +
      'comments enabled on the item (else VENDOR_FORBIDDEN).',
    args: { input: t.arg({ type: AddCommentInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { feedback, write, idempotencyKey } = checkComment(input);
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => {
        const comment = await client.addComment(
          feedback.id,
          write,
          writeOptions(ctx, idempotencyKey),
        );
        // UserHero's comment answers leave the author's email out: the accepted one stands.
        const authorEmail = comment.authorEmail ?? normalizeEmail(write.authorEmail);
        return { comment: { ...comment, authorEmail }, feedback };
      });
    },
  }),
);

builder.mutationField('addFeedbackNote', (t) =>
  t.field({
    extensions: cost(READ),
    type: NotePayload,
    nullable: false,
    description: 'Adds an internal note; mentioned users become watchers.',
    args: { input: t.arg({ type: AddNoteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { feedback, write, idempotencyKey } = checkNote(input);
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => {
        const note = await client.addNote(feedback.id, write, writeOptions(ctx, idempotencyKey));
        // UserHero's note answers leave the HTML and mentions out: the accepted ones stand.
        return {
          note: {
            ...note,
            contentHtml: note.contentHtml ?? write.contentHtml ?? null,
            mentions: note.mentions.length > 0 ? note.mentions : (write.mentions ?? []),
          },
          feedback,
        };
      });
    },
  }),
);

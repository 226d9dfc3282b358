import { cost, READ } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type {
  Attachment as AttachmentShape,
  Comment as CommentShape,
  Note as NoteShape,
} from '../../domain/feedback.js';
import { Feedback } from './feedback.js';

export const Attachment = builder.objectRef<AttachmentShape>('Attachment').implement({
  description: 'A file attached to a comment or note (see uploadFeedbackMedia).',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    url: t.exposeString('url', { nullable: false }),
    type: t.exposeString('type', { nullable: true, description: 'image, audio or video.' }),
    fileName: t.exposeString('fileName', { nullable: true }),
    fileSize: t.exposeInt('fileSize', { nullable: true, description: 'Bytes.' }),
    mimeType: t.exposeString('mimeType', { nullable: true }),
  }),
});

export const Comment = builder.objectRef<CommentShape>('Comment').implement({
  description: 'A message of the customer conversation thread of a feedback item.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: "UserHero's id of the comment." }),
    message: t.exposeString('message', {
      nullable: true,
      description: 'Null for a comment made only of attachments.',
    }),
    authorType: t.exposeString('authorType', {
      nullable: false,
      description: 'agent or customer.',
    }),
    authorName: t.exposeString('authorName', { nullable: true }),
    authorEmail: t.exposeString('authorEmail', {
      nullable: true,
      description: 'Lower-cased; UserHero sends it only for some comments.',
    }),
    attachments: t.expose('attachments', { type: [Attachment], nullable: false }),
    createdAt: t.field({ type: 'DateTime', nullable: false, resolve: (c) => c.createdAt }),
  }),
});

export const Note = builder.objectRef<NoteShape>('Note').implement({
  description: 'An internal note on a feedback item, visible to workspace members only.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: "UserHero's id of the note." }),
    content: t.exposeString('content', {
      nullable: true,
      description: 'Null for a note made only of attachments.',
    }),
    contentHtml: t.exposeString('contentHtml', {
      nullable: true,
      description: 'Rich text version, when UserHero returns it.',
    }),
    authorName: t.exposeString('authorName', { nullable: true }),
    authorEmail: t.exposeString('authorEmail', { nullable: true, description: 'Lower-cased.' }),
    mentions: t.exposeIDList('mentions', {
      nullable: false,
      description: 'Mentioned user ids, when UserHero returns them.',
    }),
    attachments: t.expose('attachments', { type: [Attachment], nullable: false }),
    createdAt: t.field({ type: 'DateTime', nullable: false, resolve: (n) => n.createdAt }),
  }),
});

builder.objectFields(Feedback, (t) => ({
  comments: t.field({
    extensions: cost(READ),
    type: [Comment],
    nullable: true,
    description: 'The customer conversation thread, oldest first.',
    // An item read alone already carries its thread; a listed one costs one call.
    resolve: (f, _args, ctx) => f.customerComments ?? ctx.loaders.userhero.comments.load(f.id),
  }),
  notes: t.field({
    extensions: cost(READ),
    type: [Note],
    nullable: true,
    description: 'Internal notes, oldest first.',
    resolve: (f, _args, ctx) => f.internalNotes ?? ctx.loaders.userhero.notes.load(f.id),
  }),
}));

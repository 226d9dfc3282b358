// Upload Media: the file arrives through the GraphQL multipart request spec and is streamed on to
// UserHero as it is read. Its type and size are checked first, so a refused file is never sent.
import { cost, READ } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import type { UploadedMedia } from '../../../domain/feedback.js';
import { checkedUpload } from '../../../writes/userhero-upload.js';
import { InputChecks } from '../../../writes/validate.js';
import { Attachment } from '../conversation.js';
import { userheroWrite, writeOptions } from './after-write.js';
import { agreedWorkspace, resolveWorkspace, scopedId, workspaceId } from './ids.js';

const UploadPayload = builder.objectRef<UploadedMedia>('UploadPayload').implement({
  description:
    'Where UserHero stored the file. With a feedbackId, also the attachment object to pass to ' +
    'addFeedbackComment or addFeedbackNote.',
  fields: (t) => ({
    url: t.exposeString('url', {
      nullable: false,
      description: 'Storage URL, for screenshotUrl, attachmentUrl, audioUrl or videoUrl.',
    }),
    contentType: t.exposeString('contentType', { nullable: true }),
    size: t.exposeInt('size', { nullable: true, description: 'Bytes.' }),
    attachment: t.expose('attachment', {
      type: Attachment,
      nullable: true,
      description: 'Only with a feedbackId: a ready conversation attachment.',
    }),
  }),
});

builder.mutationField('uploadFeedbackMedia', (t) =>
  t.field({
    extensions: cost(READ),
    type: UploadPayload,
    nullable: false,
    description:
      'Uploads an image (image/png, image/jpeg, image/webp, up to 5 MB), audio (audio/webm, ' +
      'audio/mp4, audio/mpeg, audio/ogg, audio/wav, up to 10 MB) or video (video/webm, ' +
      'video/mp4, up to 50 MB) file, sent as a GraphQL multipart request. Sent once, never ' +
      'retried (the stream cannot be replayed).',
    args: {
      file: t.arg({ type: 'Upload', required: true }),
      feedbackId: t.arg.id({
        description: 'A Feedback: store the file as a conversation attachment of it.',
      }),
      projectId: t.arg.id({ description: 'A Project, for storage organization (feedback media).' }),
      workspaceId: t.arg.id({
        description:
          'A Workspace id; by default that of feedbackId or projectId, else USERHERO_WORKSPACE_ID.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('file');
      const file = checkedUpload(checks, 'file', args.file);
      const feedback = scopedId(checks, 'feedbackId', args.feedbackId, 'Feedback');
      const project = scopedId(checks, 'projectId', args.projectId, 'Project');
      const named = agreedWorkspace(checks, [
        { field: 'feedbackId', workspaceId: feedback?.workspaceId },
        { field: 'projectId', workspaceId: project?.workspaceId },
        { field: 'workspaceId', workspaceId: workspaceId(checks, 'workspaceId', args.workspaceId) },
      ]);
      checks.done();
      if (!file) throw new TypeError('unreachable: a refused file fails the checks');
      const ws = await resolveWorkspace(ctx, named);
      const client = ctx.vendor('userhero');
      // A write like any other: the feedback's conversation storage changed.
      return userheroWrite(ctx, () =>
        client.uploadMedia(
          { workspaceId: ws, file, projectId: project?.id, feedbackId: feedback?.id },
          writeOptions(ctx),
        ),
      );
    },
  }),
);

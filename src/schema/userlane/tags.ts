import { cost } from '../../cost/declare.js';
import { tagScan, tagInteractionsCalls } from '../../cost/reads.js';
import { ACCOUNT, USERLANE_WALK } from '../../cost/rules.js';
import { builder } from '../../builder.js';
import { BadUserInputError } from '../../errors.js';
import type { TagInteraction as TagInteractionShape } from '../../domain/userlane-analytics.js';
import type { TagSummary } from '../../domain/userlane-summaries.js';
import { tagInteractionsList } from '../../lists/userlane.js';
import { connectionFromAdapter } from '../../pagination/index.js';
import { checkedRange, DateRange } from '../shared/inputs.js';
import { UserlaneUser } from './users.js';
import { vendorKeys } from '../shared/vendor-keys.js';

/** A Userlane tag; `summary` is set when it was listed from a range export (`Query.tags`). */
export interface TagShape {
  tagId: string;
  summary?: TagSummary;
}

const TagInteraction = builder.objectRef<TagInteractionShape>('TagInteraction');

const TagInteractionConnection = builder.connectionObject(
  { type: TagInteraction, name: 'TagInteractionConnection' },
  { name: 'TagInteractionEdge' },
);

/** Userlane tag ids are short strings; an empty or very long one cannot name a tag. */
const tagKey = (key: string) => (key !== '' && key.length <= 100 ? key : null);

const fromExport = 'Over the range of the `tags` query that listed this tag; null elsewhere.';

export const Tag = builder.loadableNode('Tag', {
  description:
    'An element tagged in the Userlane Portal (a button, link or page) whose clicks Userlane counts.',
  id: { resolve: (tag: TagShape) => tag.tagId },
  // Userlane has no tag lookup: any tag id names a tag, known to the Portal export or not.
  load: (ids: string[]) => Promise.resolve(ids.map((tagId): TagShape => ({ tagId }))),
  fields: (t) => ({
    tagId: t.exposeString('tagId', { nullable: false, description: "Userlane's tag id." }),
    name: t.string({
      extensions: cost({ free: 'the Portal CSV lookups (USERLANE_LOOKUPS_DIR)' }),
      nullable: true,
      description: 'From the Portal CSV export (tags.csv); null when the export lacks this tag.',
      resolve: async (tag, _args, ctx) => (await ctx.services.lookups()).tagName(tag.tagId),
    }),
    totalInteractions: t.int({
      nullable: true,
      description: `Clicks on the tagged element. ${fromExport}`,
      resolve: (tag) => tag.summary?.totalInteractions ?? null,
    }),
    users: t.int({
      nullable: true,
      description: `Distinct Userlane users who interacted. ${fromExport}`,
      resolve: (tag) => tag.summary?.users ?? null,
    }),
    interactionsPerUser: t.float({
      nullable: true,
      description: `totalInteractions / users. ${fromExport}`,
      resolve: (tag) => (tag.summary ? tag.summary.totalInteractions / tag.summary.users : null),
    }),
    activeDays: t.int({
      nullable: true,
      description: `Days with any interaction. ${fromExport}`,
      resolve: (tag) => tag.summary?.activeDays ?? null,
    }),
    firstInteractionDate: t.field({
      type: 'Date',
      nullable: true,
      description: fromExport,
      resolve: (tag) => tag.summary?.firstDate ?? null,
    }),
    lastInteractionDate: t.field({
      type: 'Date',
      nullable: true,
      description: fromExport,
      resolve: (tag) => tag.summary?.lastDate ?? null,
    }),
    interactions: t.connection(
      {
        extensions: cost({ byArguments: (_args, first) => tagScan(first) }),
        type: TagInteraction,
        nullable: true,
        description:
          "This tag's per-user, per-day interactions, oldest day first. Userlane cannot filter " +
          'by tag, so a page may scan several vendor pages of the range.',
        args: { range: t.arg({ type: DateRange, required: true }) },
        resolve: (tag, args, ctx) => {
          const range = checkedRange(args.range);
          return connectionFromAdapter(
            tagInteractionsList(ctx.loaders.userlane.reads, range, [tag.tagId]),
            args,
            { field: 'Tag.interactions', filters: { range, tagId: tag.tagId }, signal: ctx.signal },
          );
        },
      },
      TagInteractionConnection,
    ),
  }),
});

TagInteraction.implement({
  description: "One user's interactions with one tagged element on one day.",
  fields: (t) => ({
    date: t.field({ type: 'Date', nullable: false, resolve: (row) => row.date }),
    tag: t.field({
      type: Tag,
      nullable: false,
      resolve: (row): TagShape => ({ tagId: row.tagId }),
    }),
    user: t.field({ type: UserlaneUser, nullable: false, resolve: (row) => row.user }),
    count: t.int({
      nullable: false,
      description: "Userlane's countInteractions.",
      resolve: (row) => row.countInteractions,
    }),
  }),
});

const TYPE_DOC =
  "Userlane's tag type filter (its Tags `type` parameter, e.g. `custom`), forwarded as given; " +
  'every type when absent.';

/** The caller's tag type: absent stays absent, a blank one is refused (it would match nothing). */
function tagType(type: string | null | undefined): string | undefined {
  if (type === null || type === undefined) return undefined;
  if (type.trim() === '') {
    throw new BadUserInputError('type must not be blank: omit it for every tag type', {
      argument: 'type',
    });
  }
  return type;
}

builder.queryFields((t) => ({
  tags: t.field({
    extensions: cost({ calls: USERLANE_WALK, listSize: ACCOUNT.tags }),
    type: [Tag],
    nullable: { list: true, items: false },
    description:
      'Tags with interactions in the range, most interactions first (then by tag id), with ' +
      'their totals: one read of the whole range, whatever fields are asked.',
    args: {
      range: t.arg({ type: DateRange, required: true }),
      type: t.arg.string({ description: TYPE_DOC }),
    },
    resolve: async (_root, args, ctx) => {
      const range = checkedRange(args.range);
      const type = tagType(args.type);
      const summaries = await ctx.loaders.userlane.tagSummaries(range, type);
      return summaries.map((summary): TagShape => ({ tagId: summary.tagId, summary }));
    },
  }),
  tagInteractions: t.connection(
    {
      extensions: cost({ byArguments: tagInteractionsCalls }),
      type: TagInteraction,
      nullable: true,
      description:
        'Per-user, per-tag, per-day interaction counts, oldest day first. With `tagIds`, only ' +
        'those tags (Userlane cannot filter by tag, so a page may scan several vendor pages).',
      args: {
        range: t.arg({ type: DateRange, required: true }),
        tagIds: t.arg.idList({
          description: 'Tag ids (`Tag.tagId`) or Tag node ids; empty or absent means every tag.',
        }),
        type: t.arg.string({ description: TYPE_DOC }),
      },
      resolve: (_root, args, ctx) => {
        const range = checkedRange(args.range);
        const tagIds = vendorKeys(args.tagIds, 'tagIds', 'Tag', tagKey);
        const type = tagType(args.type);
        return connectionFromAdapter(
          tagInteractionsList(ctx.loaders.userlane.reads, range, tagIds, type),
          args,
          {
            field: 'Query.tagInteractions',
            filters: { range, tagIds, type: type ?? null },
            signal: ctx.signal,
          },
        );
      },
    },
    TagInteractionConnection,
  ),
}));

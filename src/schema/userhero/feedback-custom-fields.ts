import { cost } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import type { Feedback as FeedbackShape } from '../../domain/feedback.js';
import { CustomFieldDefinition } from './project-settings.js';
import { projectOf } from './projects.js';

// Feedback.customFields: the values of a feedback item, each with its project's definition.

/** The documented meaning of the default fields, for values whose project does not label them. */
const DEFAULT_FIELD_LABELS: Record<string, string> = {
  df_name: 'Submitter name',
  df_email: 'Submitter email',
  df_phone: 'Submitter phone',
  df_company: 'Submitter company',
};

interface CustomFieldValueShape {
  fieldId: string;
  value: unknown;
  workspaceId: string;
  projectId: string;
}

async function definitionOf(ctx: GatewayContext, v: CustomFieldValueShape) {
  const project = await projectOf(ctx, v.workspaceId, v.projectId);
  return project?.customFieldDefinitions.find((d) => d.id === v.fieldId) ?? null;
}

export const CustomFieldValue = builder
  .objectRef<CustomFieldValueShape>('FeedbackCustomFieldValue')
  .implement({
    description:
      "One value of the feedback's validated custom fields (customMetadata.customFields).",
    fields: (t) => ({
      fieldId: t.exposeID('fieldId', { nullable: false, description: 'df_* or cf_*.' }),
      value: t.field({ type: 'JSON', nullable: true, resolve: (v) => v.value }),
      label: t.string({
        extensions: cost({ shared: { reads: () => ['userhero:projects'], backed: false } }),
        nullable: true,
        description:
          "The project's label for the field; for a default field it does not define, the " +
          'documented meaning; null when unknown.',
        resolve: async (v, _args, ctx) =>
          (await definitionOf(ctx, v))?.label ?? DEFAULT_FIELD_LABELS[v.fieldId] ?? null,
      }),
      definition: t.field({
        extensions: cost({ shared: { reads: () => ['userhero:projects'], backed: false } }),
        type: CustomFieldDefinition,
        nullable: true,
        description: "The project's definition of the field; null when it has none.",
        resolve: (v, _args, ctx) => definitionOf(ctx, v),
      }),
    }),
  });

export function customFieldValues(f: FeedbackShape): CustomFieldValueShape[] {
  const fields = f.customMetadata?.customFields;
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return [];
  return Object.entries(fields as Record<string, unknown>).map(([fieldId, value]) => ({
    fieldId,
    value,
    workspaceId: f.workspaceId,
    projectId: f.projectId,
  }));
}

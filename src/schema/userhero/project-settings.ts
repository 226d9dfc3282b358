import { builder } from '../../builder.js';
import type {
  CustomFieldDefinition as CustomFieldDefinitionShape,
  SlaRule as SlaRuleShape,
} from '../../domain/project.js';

// The settings objects of a Project: its SLA rules and its custom field definitions.

export const SlaRule = builder.objectRef<SlaRuleShape>('SlaRule').implement({
  description: 'Response deadline for one priority; feedback with that priority gets a dueDate.',
  fields: (t) => ({
    priority: t.exposeString('priority', {
      nullable: false,
      description: 'low, medium, high, urgent.',
    }),
    hours: t.exposeFloat('hours', { nullable: false }),
  }),
});

const CustomFieldValidation = builder
  .objectRef<NonNullable<CustomFieldDefinitionShape['validation']>>('CustomFieldValidation')
  .implement({
    fields: (t) => ({
      min: t.exposeFloat('min', { nullable: true }),
      max: t.exposeFloat('max', { nullable: true }),
      minLength: t.exposeInt('minLength', { nullable: true }),
      maxLength: t.exposeInt('maxLength', { nullable: true }),
    }),
  });

const VisibilityCondition = builder
  .objectRef<NonNullable<CustomFieldDefinitionShape['visibilityCondition']>>(
    'CustomFieldVisibilityCondition',
  )
  .implement({
    description: 'The field shows only when the select field `fieldId` has this value.',
    fields: (t) => ({
      fieldId: t.exposeString('fieldId', { nullable: false }),
      value: t.exposeString('value', { nullable: false }),
    }),
  });

const ParentOptions = builder
  .objectRef<{ parentValue: string; options: string[] }>('CustomFieldParentOptions')
  .implement({
    description: 'The choices offered while the parent field has `parentValue`.',
    fields: (t) => ({
      parentValue: t.exposeString('parentValue', { nullable: false }),
      options: t.exposeStringList('options', { nullable: false }),
    }),
  });

const OptionsByParent = builder
  .objectRef<NonNullable<CustomFieldDefinitionShape['optionsByParent']>>(
    'CustomFieldOptionsByParent',
  )
  .implement({
    description: "Choices of a select field filtered by a parent select field's value.",
    fields: (t) => ({
      parentFieldId: t.exposeString('parentFieldId', { nullable: false }),
      map: t.field({
        type: [ParentOptions],
        nullable: false,
        resolve: (o) =>
          Object.entries(o.map).map(([parentValue, options]) => ({ parentValue, options })),
      }),
    }),
  });

export const CustomFieldDefinition = builder
  .objectRef<CustomFieldDefinitionShape>('CustomFieldDefinition')
  .implement({
    description: 'A custom field of a project: `df_*` (default) or `cf_*` (project-defined).',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false, description: 'The field id, e.g. cf_plan_abc12.' }),
      type: t.exposeString('type', {
        nullable: false,
        description: 'select, number, textarea, ...',
      }),
      label: t.exposeString('label', { nullable: false }),
      required: t.exposeBoolean('required', { nullable: false }),
      placeholder: t.exposeString('placeholder', { nullable: true }),
      options: t.exposeStringList('options', {
        nullable: true,
        description: 'Choices of a select field.',
      }),
      validation: t.expose('validation', { type: CustomFieldValidation, nullable: true }),
      isDefault: t.exposeBoolean('isDefault', { nullable: false }),
      visibilityCondition: t.expose('visibilityCondition', {
        type: VisibilityCondition,
        nullable: true,
      }),
      optionsByParent: t.expose('optionsByParent', { type: OptionsByParent, nullable: true }),
    }),
  });

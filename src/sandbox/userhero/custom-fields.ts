// Validation of `customMetadata.customFields` against a project's definitions. Required fields are
// enforced only when the client sends a `customFields` object at all: the docs present it as an
// opt-in sub-key, and plain API feedback must not fail on a widget's required field.
import { badRequest } from './errors.js';
import type { CustomFieldDefinition, Project } from './model.js';
import { isEmail, type Json } from './validate.js';

/** Default fields exist on every project unless disabled; a project may refine them. */
const DEFAULT_FIELDS: Record<string, CustomFieldDefinition> = {
  df_name: { id: 'df_name', type: 'text', label: 'Name', required: false, isDefault: true },
  df_email: { id: 'df_email', type: 'email', label: 'Email', required: false, isDefault: true },
  df_phone: { id: 'df_phone', type: 'text', label: 'Phone', required: false, isDefault: true },
  df_company: {
    id: 'df_company',
    type: 'text',
    label: 'Company',
    required: false,
    isDefault: true,
  },
};

function definitionFor(project: Project, id: string): CustomFieldDefinition | undefined {
  const own = project.customFieldDefinitions.find((definition) => definition.id === id);
  if (id.startsWith('df_')) {
    if (!DEFAULT_FIELDS[id]) return undefined;
    if (project.disabledDefaultFields.includes(id)) {
      throw badRequest(`customFields.${id} is disabled for this project`);
    }
    return own ?? DEFAULT_FIELDS[id];
  }
  return own;
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

function isVisible(definition: CustomFieldDefinition, values: Json): boolean {
  const condition = definition.visibilityCondition;
  return !condition || values[condition.fieldId] === condition.value;
}

function allowedOptions(definition: CustomFieldDefinition, values: Json): string[] {
  const dependency = definition.optionsByParent;
  if (dependency) {
    const parent = values[dependency.parentFieldId];
    if (typeof parent === 'string') return dependency.map[parent] ?? [];
    return Object.values(dependency.map).flat();
  }
  return definition.options ?? [];
}

function checkValue(definition: CustomFieldDefinition, value: unknown, values: Json) {
  const where = `customFields.${definition.id}`;
  const rules = definition.validation ?? {};
  switch (definition.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw badRequest(`${where} must be a number`);
      }
      if (rules.min !== undefined && value < rules.min) {
        throw badRequest(`${where} must be at least ${rules.min}`);
      }
      if (rules.max !== undefined && value > rules.max) {
        throw badRequest(`${where} must be at most ${rules.max}`);
      }
      return;
    }
    case 'checkbox':
      if (typeof value !== 'boolean') throw badRequest(`${where} must be a boolean`);
      return;
    case 'select': {
      const options = allowedOptions(definition, values);
      if (typeof value !== 'string' || !options.includes(value)) {
        throw badRequest(`${where} must be one of: ${options.join(', ')}`);
      }
      return;
    }
    default: {
      if (typeof value !== 'string') throw badRequest(`${where} must be a string`);
      if (rules.minLength !== undefined && value.length < rules.minLength) {
        throw badRequest(`${where} must be at least ${rules.minLength} characters`);
      }
      if (rules.maxLength !== undefined && value.length > rules.maxLength) {
        throw badRequest(`${where} must be at most ${rules.maxLength} characters`);
      }
      if (definition.type === 'email' && !isEmail(value)) {
        throw badRequest(`${where} must be an email address`);
      }
      if (definition.type === 'url' && !/^https?:\/\/\S+$/.test(value)) {
        throw badRequest(`${where} must be an http(s) URL`);
      }
      if (definition.type === 'date' && Number.isNaN(Date.parse(value))) {
        throw badRequest(`${where} must be a date`);
      }
    }
  }
}

export function validateCustomFields(project: Project, values: Json): void {
  for (const [id, value] of Object.entries(values)) {
    const definition = definitionFor(project, id);
    if (!definition) throw badRequest(`Unknown custom field: ${id}`);
    if (!present(value)) continue;
    if (!isVisible(definition, values)) {
      const condition = definition.visibilityCondition;
      throw badRequest(
        `customFields.${id} only applies when ${condition?.fieldId} is "${condition?.value}"`,
      );
    }
    checkValue(definition, value, values);
  }
  for (const definition of project.customFieldDefinitions) {
    if (!definition.required || project.disabledDefaultFields.includes(definition.id)) continue;
    if (isVisible(definition, values) && !present(values[definition.id])) {
      throw badRequest(`customFields.${definition.id} (${definition.label}) is required`);
    }
  }
}

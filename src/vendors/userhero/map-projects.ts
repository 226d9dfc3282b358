// UserHero projects (SLA rules, custom fields), widgets and webhooks, mapped to the domain.
import type { CustomFieldDefinition, Project, SlaRule, Widget } from '../../domain/project.js';
import type { Webhook } from '../../domain/workspace.js';
import { bool, isNumber, isString, num, obj, records, str, strings } from '../shape.js';
import type { WireProject, WireWebhook, WireWidget } from './wire.js';

export function mapProject(wire: WireProject): Project {
  return {
    id: wire.id,
    workspaceId: wire.workspaceId,
    name: wire.name,
    type: str(wire.type),
    domain: str(wire.domain),
    bundleId: str(wire.bundleId),
    packageName: str(wire.packageName),
    publicKey: str(wire.publicKey),
    privacySettings: obj(wire.privacySettings),
    publicPortal: obj(wire.publicPortal),
    customFieldDefinitions: records(wire.customFieldDefinitions).flatMap(customField),
    disabledDefaultFields: strings(wire.disabledDefaultFields),
    slaRules: records(wire.slaRules).flatMap(slaRule),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
  };
}

function slaRule(wire: Record<string, unknown>): SlaRule[] {
  return isString(wire.priority) && isNumber(wire.hours)
    ? [{ priority: wire.priority, hours: wire.hours }]
    : [];
}

/** A definition without id, type or label is useless to a form; it is left out. */
function customField(wire: Record<string, unknown>): CustomFieldDefinition[] {
  if (!isString(wire.id) || !isString(wire.type) || !isString(wire.label)) return [];
  const validation = obj(wire.validation);
  const visibility = obj(wire.visibilityCondition);
  const byParent = obj(wire.optionsByParent);
  const parentMap = obj(byParent?.map);
  return [
    {
      id: wire.id,
      type: wire.type,
      label: wire.label,
      required: bool(wire.required) ?? false,
      placeholder: str(wire.placeholder),
      options: Array.isArray(wire.options) ? strings(wire.options) : null,
      validation: validation && {
        min: num(validation.min),
        max: num(validation.max),
        minLength: num(validation.minLength),
        maxLength: num(validation.maxLength),
      },
      isDefault: bool(wire.isDefault) ?? wire.id.startsWith('df_'),
      visibilityCondition:
        visibility && isString(visibility.fieldId) && isString(visibility.value)
          ? { fieldId: visibility.fieldId, value: visibility.value }
          : null,
      optionsByParent:
        byParent && isString(byParent.parentFieldId) && parentMap
          ? {
              parentFieldId: byParent.parentFieldId,
              map: Object.fromEntries(Object.entries(parentMap).map(([k, v]) => [k, strings(v)])),
            }
          : null,
    },
  ];
}

export function mapWidget(wire: WireWidget): Widget {
  return {
    id: wire.id,
    workspaceId: str(wire.workspaceId),
    projectId: str(wire.projectId),
    name: wire.name,
    enabled: bool(wire.enabled),
    config: obj(wire.config),
    styling: obj(wire.styling),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
  };
}

export function mapWebhook(wire: WireWebhook): Webhook {
  return {
    id: wire.id,
    workspaceId: str(wire.workspaceId),
    projectId: str(wire.projectId),
    name: wire.name,
    slug: str(wire.slug),
    url: str(wire.url),
    secret: str(wire.secret),
    createdAt: str(wire.createdAt),
  };
}

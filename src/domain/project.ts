export interface Project {
  id: string;
  workspaceId: string;
  name: string;
  type: string | null;
  domain: string | null;
  bundleId: string | null;
  packageName: string | null;
  publicKey: string | null;
  privacySettings: Record<string, unknown> | null;
  publicPortal: Record<string, unknown> | null;
  customFieldDefinitions: CustomFieldDefinition[];
  /** Default fields turned off for this project, e.g. `df_phone`. */
  disabledDefaultFields: string[];
  slaRules: SlaRule[];
  createdAt: string | null;
  updatedAt: string | null;
}

export interface SlaRule {
  priority: string;
  hours: number;
}

export interface CustomFieldDefinition {
  /** `cf_*` (project-defined) or `df_*` (default). */
  id: string;
  /** `select`, `number`, `textarea`, ... */
  type: string;
  label: string;
  required: boolean;
  placeholder: string | null;
  /** Choices of a select field. */
  options: string[] | null;
  validation: CustomFieldValidation | null;
  isDefault: boolean;
  /** Shown only when another select field has this value. */
  visibilityCondition: { fieldId: string; value: string } | null;
  /** Choices filtered by a parent select field's value. */
  optionsByParent: { parentFieldId: string; map: Record<string, string[]> } | null;
}

export interface CustomFieldValidation {
  min: number | null;
  max: number | null;
  minLength: number | null;
  maxLength: number | null;
}

export interface Widget {
  id: string;
  workspaceId: string | null;
  projectId: string | null;
  name: string;
  enabled: boolean | null;
  config: Record<string, unknown> | null;
  styling: Record<string, unknown> | null;
  createdAt: string | null;
  updatedAt: string | null;
}

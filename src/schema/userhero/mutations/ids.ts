// Id arguments of the UserHero mutations. Mutations take global ids only (a vendor's own id never
// appears in a mutation argument), each of the type its argument names; anything else is refused
// with BAD_USER_INPUT before any vendor call. The node keys are those of the read side.
import type { GatewayContext } from '../../../types.js';
import { encodeGlobalId } from '../../../global-id.js';
import type { InputChecks } from '../../../writes/validate.js';
import { keyParts, nodeKey } from '../keys.js';

type IdValue = string | number | null | undefined;

/** A record addressed within its workspace (the node key of Feedback, Project, Widget, Webhook). */
export interface InWorkspace {
  workspaceId: string;
  id: string;
}

export type WorkspaceScoped = 'Feedback' | 'Project' | 'Widget' | 'Webhook';

function malformed(checks: InputChecks, field: string, typename: string): undefined {
  return checks.refuse(
    field,
    `is not a valid ${typename} id: pass it exactly as the API returned it`,
  );
}

export function scopedId(
  checks: InputChecks,
  field: string,
  value: IdValue,
  typename: WorkspaceScoped,
): InWorkspace | undefined {
  if (value === null || value === undefined) return undefined;
  const key = checks.globalId(field, value, typename);
  if (key === undefined) return undefined;
  const [workspaceId, id] = keyParts(key, 2) ?? [];
  if (workspaceId === undefined || id === undefined) return malformed(checks, field, typename);
  return { workspaceId, id };
}

/** A Workspace id (its key is UserHero's workspace id as is). */
export function workspaceId(
  checks: InputChecks,
  field: string,
  value: IdValue,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  const key = checks.globalId(field, value, 'Workspace');
  if (key === undefined) return undefined;
  return key.trim() === '' ? malformed(checks, field, 'Workspace') : key;
}

/** A UserHeroCustomer id (customers are addressed by their own id alone). */
export function customerId(checks: InputChecks, field: string, value: IdValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  const key = checks.globalId(field, value, 'UserHeroCustomer');
  if (key === undefined) return undefined;
  return key.trim() === '' ? malformed(checks, field, 'UserHeroCustomer') : key;
}

export interface AutomationRef extends InWorkspace {
  projectId: string;
}

export function automationId(
  checks: InputChecks,
  field: string,
  value: IdValue,
): AutomationRef | undefined {
  if (value === null || value === undefined) return undefined;
  const key = checks.globalId(field, value, 'Automation');
  if (key === undefined) return undefined;
  const [ws, projectId, id] = keyParts(key, 3) ?? [];
  if (ws === undefined || projectId === undefined || id === undefined) {
    return malformed(checks, field, 'Automation');
  }
  return { workspaceId: ws, projectId, id };
}

/**
 * The one workspace the arguments of a write name (an explicit workspaceId, or the workspace
 * inside a record's id): two that differ are refused. Undefined when none names one.
 */
export function agreedWorkspace(
  checks: InputChecks,
  named: readonly { field: string; workspaceId: string | undefined }[],
): string | undefined {
  const first = named.find((n) => n.workspaceId !== undefined);
  for (const n of named) {
    if (first && n.workspaceId !== undefined && n.workspaceId !== first.workspaceId) {
      checks.refuse(n.field, `belongs to another workspace than ${first.field}`);
    }
  }
  return first?.workspaceId;
}

/** The named workspace, else USERHERO_WORKSPACE_ID (resolved only once the input is valid). */
export function resolveWorkspace(ctx: GatewayContext, named: string | undefined): Promise<string> {
  return ctx.loaders.userhero.workspaceId(named);
}

export function scopedGlobalId(typename: WorkspaceScoped, ref: InWorkspace): string {
  return encodeGlobalId(typename, nodeKey(ref.workspaceId, ref.id));
}

export function customerGlobalId(id: string): string {
  return encodeGlobalId('UserHeroCustomer', id);
}

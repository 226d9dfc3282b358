// UserHero wire records mapped to the domain: workspaces here, each other concern in its own
// file (map-feedback, map-projects, map-customers, map-automations), all re-exported here.
import type { Workspace, WorkspaceUsage } from '../../domain/workspace.js';
import { bool, isNumber, num, obj, str } from '../shape.js';
import type { WireUsage, WireWorkspace } from './wire.js';

export function mapWorkspace(wire: WireWorkspace): Workspace {
  return {
    id: wire.id,
    name: wire.name,
    plan: str(wire.plan),
    billingInterval: str(wire.billingInterval),
    subscriptionStatus: str(wire.subscriptionStatus),
    apiAccessEnabled: bool(wire.apiAccessEnabled),
    memberCount: num(wire.memberCount),
    role: str(wire.role),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
  };
}

export function mapUsage(workspaceId: string, wire: WireUsage): WorkspaceUsage {
  return {
    workspaceId: str(wire.workspaceId) ?? workspaceId,
    plan: str(wire.plan),
    periodStart: str(wire.periodStart),
    periodEnd: str(wire.periodEnd),
    limits: numbers(wire.limits),
    usage: numbers(wire.usage),
    data: wire,
  };
}

function numbers(value: unknown): Record<string, number> {
  return Object.fromEntries(
    Object.entries(obj(value) ?? {}).filter((entry): entry is [string, number] =>
      isNumber(entry[1]),
    ),
  );
}

export * from './map-automations.js';
export * from './map-customers.js';
export * from './map-feedback.js';
export * from './map-projects.js';

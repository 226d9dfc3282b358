import type { Project, StatusCategory } from './model.js';
import { SYSTEM_STATUSES } from './model.js';

const SYSTEM_CATEGORIES: Record<string, StatusCategory> = {
  new: 'open',
  reopened: 'open',
  'in-progress': 'pending',
  resolved: 'resolved',
  archived: 'closed',
};

export function isKnownStatus(project: Project | undefined, status: string): boolean {
  return (
    (SYSTEM_STATUSES as readonly string[]).includes(status) ||
    (project?.customStatuses.some((custom) => custom.id === status) ?? false)
  );
}

/** A status that no longer exists (its project was edited) still reads as open, not as an error. */
export function statusCategory(project: Project | undefined, status: string): StatusCategory {
  return (
    SYSTEM_CATEGORIES[status] ??
    project?.customStatuses.find((custom) => custom.id === status)?.category ??
    'open'
  );
}

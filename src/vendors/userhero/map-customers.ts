// UserHero customer profiles and merge results, mapped to the domain.
import type {
  CustomerMergeResult,
  SocialHandle,
  UserHeroCustomer,
} from '../../domain/customer-profile.js';
import { normalizeEmail } from '../../domain/text.js';
import { isString, num, obj, records, str, strings } from '../shape.js';
import type { WireCustomer, WireMergeResult } from './wire.js';

export function mapCustomer(wire: WireCustomer): UserHeroCustomer {
  return {
    id: wire.id,
    workspaceId: str(wire.workspaceId),
    name: str(wire.name),
    primaryEmail: normalizeEmail(str(wire.primaryEmail)),
    primaryPhone: str(wire.primaryPhone),
    emails: [...new Set(strings(wire.emails).flatMap((e) => normalizeEmail(e) ?? []))],
    phones: strings(wire.phones),
    socialHandles: records(wire.socialHandles).flatMap(socialHandle),
    company: str(wire.company),
    tags: strings(wire.tags),
    feedbackCount: num(wire.feedbackCount) ?? 0,
    channels: strings(wire.channels),
    lastSeenAt: str(wire.lastSeenAt),
    firstSeenAt: str(wire.firstSeenAt),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
    notes: str(wire.notes),
    customFields: obj(wire.customFields),
    timezone: str(wire.timezone),
    language: str(wire.language),
    mergedCustomerIds: Array.isArray(wire.mergedCustomerIds)
      ? strings(wire.mergedCustomerIds)
      : null,
  };
}

function socialHandle(wire: Record<string, unknown>): SocialHandle[] {
  return isString(wire.platform) && isString(wire.handle)
    ? [{ platform: wire.platform, handle: wire.handle, accountId: str(wire.accountId) }]
    : [];
}

export function mapMergeResult(wire: WireMergeResult): CustomerMergeResult {
  return {
    id: wire.id,
    mergedSourceId: wire.mergedSourceId,
    mergedFeedbackCount: wire.mergedFeedbackCount,
  };
}

import { type NpsRecord, npsCategory } from '../../domain/nps.js';
import type {
  NpsBulkError,
  NpsBulkErrorKind,
  NpsBulkResult,
  NpsDeleteResult,
  NpsWrite,
} from '../../domain/nps-writes.js';
import { commentOrNull, normalizeEmail } from '../../domain/text.js';
import { toInstant } from '../../domain/time.js';
import { vendorText } from '../../transport/redact.js';
import { isInteger, isRecord, isString, num, obj, records, str, strings } from '../shape.js';
import type { WireBulkResult, WireDeleteResult, WireNps, WireNpsBody } from './wire.js';

/**
 * The one place that knows Planhat's two spellings of a record: list and get say `nps`,
 * `npsComment`, `npsDate`; create and update say `score`, `comment`, `dateAnswered`.
 */
export function unspell(wire: WireNps): { score: unknown; comment: unknown; answeredAt: unknown } {
  return {
    score: wire.nps ?? wire.score,
    comment: wire.npsComment ?? wire.comment,
    answeredAt: wire.npsDate ?? wire.dateAnswered,
  };
}

/** A record in either spelling. Null for one nobody has answered (no score or no date). */
export function readNps(wire: WireNps): NpsRecord | null {
  const { score, comment, answeredAt } = unspell(wire);
  if (!isInteger(score) || !isString(answeredAt)) return null;
  const instant = toInstant(answeredAt);
  if (instant === null) return null;
  return {
    source: 'PLANHAT',
    id: wire._id,
    score,
    category: npsCategory(score),
    comment: commentOrNull(str(comment)),
    answeredAt: instant,
    email: normalizeEmail(str(wire.email)),
    userlaneUserId: null,
    applicationUserId: null,
    companyId: str(wire.cId),
    campaignId: str(wire.campaignId),
    planhat: {
      npsId: str(wire.npsId),
      euId: str(wire.euId),
      scoreType: str(wire.scoreType),
      dateSent: str(wire.dateSent),
      dateReminderSent: str(wire.dateReminderSent),
      npsSent: str(wire.npsSent),
      source: str(wire.source),
      sourceId: str(wire.sourceId) || null,
      custom: obj(wire.custom),
    },
    userloop: null,
  };
}

/** Our field names to Planhat's write spelling; absent fields stay absent. */
export function toWireNps(write: NpsWrite): WireNpsBody {
  const body: WireNpsBody = {
    _id: write.id,
    sourceId: write.sourceId,
    email: write.email,
    score: write.score,
    comment: write.comment,
    dateAnswered: write.answeredAt,
    dateSent: write.dateSent,
    source: write.source,
    campaignId: write.campaignId,
    cId: write.companyId,
    custom: write.custom,
  };
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  ) as WireNpsBody;
}

export function mapDeleteResult(wire: WireDeleteResult | undefined): NpsDeleteResult {
  return { deletedCount: num(wire?.deletedCount) ?? num(wire?.n) };
}

const ERROR_LISTS: readonly [keyof WireBulkResult, NpsBulkErrorKind][] = [
  ['createdErrors', 'created'],
  ['updatedErrors', 'updated'],
  ['permissionErrors', 'permission'],
];

export function mapBulkResult(wire: WireBulkResult, sent: readonly WireNpsBody[]): NpsBulkResult {
  return {
    created: wire.created,
    updated: wire.updated,
    nonUpdates: num(wire.nonupdates) ?? 0,
    insertedIds: records(wire.insertsKeys).flatMap((k) => str(k._id) ?? []),
    updatedIds: records(wire.updatesKeys).flatMap((k) => str(k._id) ?? []),
    upsertedIds: strings(wire.upsertedIds),
    errors: ERROR_LISTS.flatMap(([key, kind]) =>
      (Array.isArray(wire[key]) ? (wire[key] as unknown[]) : []).map((entry) =>
        bulkError(entry, kind, sent),
      ),
    ),
  };
}

/**
 * Contract: `{ index, message, item }`. Tolerated too: no or a wrong index (the echoed item is
 * traced back by `_id`, then `sourceId`, then email), a bare string, `error`/`msg` for message.
 */
export function bulkError(
  entry: unknown,
  kind: NpsBulkErrorKind,
  sent: readonly WireNpsBody[],
): NpsBulkError {
  // Per-item messages reach the client (NpsBatchError.message): redacted and bounded like any
  // other vendor text, since a vendor may echo what it was sent, credentials included.
  if (!isRecord(entry)) {
    return { index: null, message: vendorText(str(entry)) ?? 'Planhat rejected the item', kind };
  }
  const message =
    vendorText(str(entry.message) ?? str(entry.error) ?? str(entry.msg)) ??
    'Planhat rejected the item';
  const index =
    isInteger(entry.index) && entry.index >= 0 && entry.index < sent.length
      ? entry.index
      : traceItem(isRecord(entry.item) ? entry.item : entry, sent);
  return { index, message, kind };
}

function traceItem(echo: Record<string, unknown>, sent: readonly WireNpsBody[]): number | null {
  const keys: [string, (item: WireNpsBody) => string | undefined, (v: string) => string][] = [
    ['_id', (item) => item._id, (v) => v],
    ['sourceId', (item) => item.sourceId, (v) => v],
    ['email', (item) => item.email, (v) => v.trim().toLowerCase()],
  ];
  for (const [key, read, norm] of keys) {
    const wanted = str(echo[key]);
    if (!wanted) continue;
    const matches = sent.flatMap((item, i) => {
      const value = read(item);
      return value !== undefined && norm(value) === norm(wanted) ? [i] : [];
    });
    // Two items with the same key: the next key may still tell them apart.
    if (matches.length === 1) return matches[0]!;
  }
  return null;
}

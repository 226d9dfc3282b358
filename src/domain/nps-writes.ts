/** Fields of a Planhat NPS create, update or upsert, under our names (see `NpsRecord`). */
export interface NpsWrite {
  /** Upsert key, first priority. */
  id?: string;
  /** Upsert key, second priority. */
  sourceId?: string;
  email?: string;
  score?: number;
  comment?: string | null;
  answeredAt?: string;
  dateSent?: string;
  source?: string;
  campaignId?: string;
  companyId?: string;
  custom?: Record<string, unknown>;
}

export type NpsBulkErrorKind = 'created' | 'updated' | 'permission';

export interface NpsBulkError {
  /** Position in the request's array; null when the vendor's entry cannot be traced back. */
  index: number | null;
  message: string;
  kind: NpsBulkErrorKind;
}

export interface NpsBulkResult {
  created: number;
  updated: number;
  /** Items matched but left unchanged. */
  nonUpdates: number;
  insertedIds: string[];
  updatedIds: string[];
  upsertedIds: string[];
  errors: NpsBulkError[];
}

export interface NpsDeleteResult {
  /** Null when the vendor did not say. */
  deletedCount: number | null;
}

// Planhat NPS bodies as the docs spell them (/work/shared/vendors/planhat-nps.txt). The same
// record is spelled two ways: list and get answer `nps`, `npsComment`, `npsDate`; create and
// update take and answer `score`, `comment`, `dateAnswered`.

/** As `GET /nps` (a bare array) and `GET /nps/{id}` answer it. */
export interface WireNpsRead {
  _id: string;
  npsId?: string;
  email?: string;
  npsDate?: string | null;
  nps?: number | null;
  npsComment?: string | null;
  npsSent?: string | null;
  scoreType?: 'promoter' | 'passive' | 'detractor';
  euId?: string;
  cId?: string;
  campaignId?: string | null;
  dateSent?: string | null;
  dateReminderSent?: string | null;
  source?: string | null;
  sourceId?: string;
  custom?: Record<string, unknown> | null;
}

/** As `POST /nps` and `PUT /nps/{id}` answer it. */
export interface WireNpsWritten {
  _id: string;
  email?: string;
  score?: number;
  comment?: string;
  euId?: string;
  cId?: string;
  campaignId?: string;
  scoreType?: 'promoter' | 'passive' | 'detractor';
  dateSent?: string | null;
  dateAnswered?: string;
  sourceId?: string;
  source?: string;
  custom?: Record<string, unknown> | null;
  __v?: number;
}

/** Either spelling: what `readNps` accepts. */
export type WireNps = WireNpsRead & Omit<WireNpsWritten, keyof WireNpsRead>;

/** A create, update or bulk-upsert item (create spelling). `email` and `score` create one. */
export interface WireNpsBody {
  /** Bulk upsert key, first priority. */
  _id?: string;
  /** Bulk upsert key, second priority. */
  sourceId?: string;
  email?: string;
  score?: number;
  comment?: string | null;
  dateSent?: string;
  dateAnswered?: string;
  source?: string;
  campaignId?: string;
  cId?: string;
  custom?: Record<string, unknown>;
}

/**
 * Contract (the sandbox answers so; the docs show only empty arrays): one entry per failed item,
 * `index` being its position in this request's array and `item` an echo of it.
 */
export interface WireBulkError {
  index?: number;
  message?: string;
  item?: WireNpsBody;
}

export interface WireBulkResult {
  created: number;
  createdErrors?: WireBulkError[];
  insertsKeys?: { _id: string }[];
  updated: number;
  updatedErrors?: WireBulkError[];
  updatesKeys?: { _id: string }[];
  nonupdates?: number;
  modified?: string[];
  upsertedIds?: string[];
  permissionErrors?: WireBulkError[];
}

export interface WireDeleteResult {
  n?: number;
  ok?: number;
  deletedCount?: number;
}

import { sandboxClock } from '../dates.js';
import { decodeSegment, jsonBody } from '../params.js';
import { objectId } from '../seed/ids.js';
import type { SandboxRequest, SandboxResponse, VendorApp, VendorContext } from '../types.js';
import { BULK_LIMIT, bulkUpsert } from './bulk.js';
import { planhatError } from './errors.js';
import { type NpsChanges, readNpsChanges } from './input.js';
import { listNps } from './list.js';
import { type NpsRecord, toCreateSpelling, toListSpelling } from './records.js';
import { generatePlanhatSeed, type PlanhatSeed } from './seed.js';
import { NpsStore } from './store.js';

export interface PlanhatSim {
  app: VendorApp;
  /** The live collection: reads see every write made through the API. */
  store: NpsStore;
  campaigns: PlanhatSeed['campaigns'];
}

export function createPlanhatSim(ctx: VendorContext, options: { token: string }): PlanhatSim {
  const seed = generatePlanhatSeed(ctx);
  const store = new NpsStore(seed.records);
  const clock = sandboxClock(ctx.now);
  const companyByEmail = new Map(ctx.people.map((person) => [person.email, person.company.id]));

  const create = (changes: NpsChanges): NpsRecord => {
    const now = clock();
    const email = changes.email ?? '';
    const key = email.toLowerCase();
    let euId = seed.endusers.get(key);
    if (euId === undefined) {
      // Planhat creates the enduser on first sight of an email.
      euId = objectId(now, ctx.random);
      seed.endusers.set(key, euId);
    }
    const record: NpsRecord = {
      _id: objectId(now, ctx.random),
      npsId: null,
      email,
      npsDate: now,
      nps: 0,
      npsComment: null,
      npsSent: null,
      cId: companyByEmail.get(key) ?? null,
      euId,
      campaignId: null,
      dateSent: null,
      dateReminderSent: null,
      source: null,
      sourceId: null,
      custom: null,
      ...changes,
    };
    store.insert(record);
    return record;
  };

  const handle = (req: SandboxRequest): SandboxResponse => {
    if (req.headers.authorization !== `Bearer ${options.token}`) return planhatError(401);
    const segments = req.path.split('/').filter(Boolean);
    if (segments[0] !== 'nps' || segments.length > 2) return planhatError(404, 'Not Found');
    const id = segments[1] === undefined ? undefined : decodeSegment(segments[1]);

    if (id === undefined) {
      if (req.method === 'GET') {
        const page = listNps(store, req.query, clock());
        return page.ok ? { status: 200, body: page.value } : planhatError(400, page.message);
      }
      if (req.method === 'POST') {
        const body = jsonBody(req.body);
        if (!body.ok) return planhatError(400, body.message);
        const changes = readNpsChanges(body.value, 'create');
        if (!changes.ok) return planhatError(400, changes.message);
        if (store.sourceIdTaken(changes.value.sourceId)) {
          return planhatError(400, `An NPS with sourceId ${changes.value.sourceId} exists`);
        }
        return { status: 200, body: toCreateSpelling(create(changes.value)) };
      }
      if (req.method === 'PUT') {
        const body = jsonBody(req.body);
        if (!body.ok) return planhatError(400, body.message);
        if (!Array.isArray(body.value)) return planhatError(400, 'Body must be an array');
        if (body.value.length > BULK_LIMIT) {
          return planhatError(400, `At most ${BULK_LIMIT} items per request`);
        }
        return { status: 200, body: bulkUpsert(store, body.value, create) };
      }
      return planhatError(404, 'Not Found');
    }

    const record = store.find(id);
    if (req.method === 'GET') {
      return record
        ? { status: 200, body: toListSpelling(record) }
        : planhatError(404, 'NPS not found');
    }
    if (req.method === 'PUT') {
      if (!record) return planhatError(404, 'NPS not found');
      const body = jsonBody(req.body);
      if (!body.ok) return planhatError(400, body.message);
      const changes = readNpsChanges(body.value, 'update');
      if (!changes.ok) return planhatError(400, changes.message);
      if (store.sourceIdTaken(changes.value.sourceId, record)) {
        return planhatError(400, `An NPS with sourceId ${changes.value.sourceId} exists`);
      }
      store.update(record, changes.value);
      return { status: 200, body: toCreateSpelling(record) };
    }
    if (req.method === 'DELETE') {
      // MongoDB's delete result: deleting nothing is not an error.
      if (record) store.remove(record);
      const n = record ? 1 : 0;
      return { status: 200, body: { n, ok: 1, deletedCount: n } };
    }
    return planhatError(404, 'Not Found');
  };

  return { app: { handle }, store, campaigns: seed.campaigns };
}

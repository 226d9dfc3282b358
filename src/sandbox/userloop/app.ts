import { dayNumber, sandboxClock } from '../dates.js';
import { decodeSegment, Refusal } from '../params.js';
import { bubbleId } from '../seed/ids.js';
import type { SandboxRequest, SandboxResponse, VendorApp, VendorContext } from '../types.js';
import { generateCatalog, type LoopSurvey } from './catalog.js';
import { userloopError } from './errors.js';
import { rawResponse, surveyMetadata, surveySummary } from './render.js';
import { findSurvey, listResponses } from './responses.js';
import { generateResponses } from './seed.js';
import { ResponseStore } from './store.js';

export interface UserLoopSim {
  app: VendorApp;
  companyId: string;
  /** Every survey, including the one kept off the key's allowlist (`allowed: false`). */
  surveys: readonly LoopSurvey[];
  store: ResponseStore;
}

export function createUserLoopSim(ctx: VendorContext, options: { apiKey: string }): UserLoopSim {
  const now = ctx.now.getTime();
  const companyId = bubbleId(now - 1800 * 86_400_000, ctx.random);
  const surveys = generateCatalog(ctx.random, now);
  const store = new ResponseStore(generateResponses(ctx, surveys), surveys);
  const byId = new Map(surveys.map((survey) => [survey.id, survey]));
  const catalog = surveys
    .filter((survey) => survey.allowed)
    .sort((a, b) => b.updatedMs - a.updatedMs);
  const clock = sandboxClock(ctx.now);

  const route = (req: SandboxRequest): SandboxResponse => {
    const segments = req.path.split('/').filter(Boolean).map(decodeSegment);
    if (req.method !== 'GET') return userloopError(404, 'Route not found');
    if (segments.length === 1 && segments[0] === 'health') {
      return { status: 200, body: { status: 'ok' } };
    }
    if (req.headers['x-api-key'] !== options.apiKey) {
      return userloopError(401, 'Invalid, revoked or expired API key');
    }
    const scope = {
      surveys: byId,
      store,
      today: dayNumber(clock()),
      ignoresQuestionId: ctx.readings.userloopIgnoresQuestionId,
    };
    const [resource, id, ...rest] = segments;
    if (rest.length > 0) return userloopError(404, 'Route not found');
    if (resource === 'surveys' && id === undefined) {
      const requested = req.query.get('company_id');
      if (requested && requested !== companyId) {
        return userloopError(403, 'company_id does not match the company owning this key');
      }
      return {
        status: 200,
        body: { company_id: companyId, count: catalog.length, surveys: catalog.map(surveySummary) },
      };
    }
    if (resource === 'surveys' && id !== undefined) {
      return { status: 200, body: surveyMetadata(findSurvey(scope, id), companyId) };
    }
    if (resource === 'responses' && id === undefined) return listResponses(scope, req.query);
    if (resource === 'responses' && id !== undefined) {
      const row = store.get(id);
      if (!row?.survey.allowed) return userloopError(404, `Response ${id} not found`);
      return { status: 200, body: { response: rawResponse(row) } };
    }
    return userloopError(404, 'Route not found');
  };

  const handle = (req: SandboxRequest): SandboxResponse => {
    try {
      return route(req);
    } catch (error) {
      if (error instanceof Refusal) return error.response;
      throw error;
    }
  };

  return { app: { handle }, companyId, surveys, store };
}

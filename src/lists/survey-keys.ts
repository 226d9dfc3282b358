// Node keys: JSON arrays, since vendor ids (and Userlane's synthetic ids) may hold any separator.
import { parseUserlaneNpsId } from '../domain/nps.js';
import type { SurveyResponseRecord, SurveySource } from './survey-records.js';

export const surveyKey = (s: { source: SurveySource; id: string }) =>
  JSON.stringify([s.source, s.id]);
export const questionKey = (q: { source: SurveySource; surveyId: string; id: string }) =>
  JSON.stringify([q.source, q.surveyId, q.id]);
/** UserLoop response ids are global to the account; a Userlane answer needs its survey. */
export const responseKey = (r: SurveyResponseRecord) =>
  JSON.stringify(r.source === 'USERLOOP' ? [r.source, r.id] : [r.source, r.surveyId, r.id]);

/** The strings of a key of `length` parts after its source; null when it is not one of ours. */
function parseKey(key: string, length: number): { source: SurveySource; parts: string[] } | null {
  let value: unknown;
  try {
    value = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== length + 1) return null;
  if (!value.every((p): p is string => typeof p === 'string' && p !== '')) return null;
  const [source, ...parts] = value;
  return source === 'USERLANE' || source === 'USERLOOP' ? { source, parts } : null;
}

export function parseSurveyKey(key: string): { source: SurveySource; id: string } | null {
  const parsed = parseKey(key, 1);
  const [id] = parsed?.parts ?? [];
  return parsed && id !== undefined ? { source: parsed.source, id } : null;
}

export function parseQuestionKey(
  key: string,
): { source: SurveySource; surveyId: string; id: string } | null {
  const parsed = parseKey(key, 2);
  const [surveyId, id] = parsed?.parts ?? [];
  return parsed && surveyId !== undefined && id !== undefined
    ? { source: parsed.source, surveyId, id }
    : null;
}

export function parseResponseKey(
  key: string,
):
  { source: 'USERLOOP'; id: string } | { source: 'USERLANE'; surveyId: string; id: string } | null {
  const userloop = parseKey(key, 1);
  const [id] = userloop?.parts ?? [];
  if (userloop?.source === 'USERLOOP' && id !== undefined) return { source: 'USERLOOP', id };
  const userlane = parseKey(key, 2);
  const [surveyId, answerId] = userlane?.parts ?? [];
  return userlane?.source === 'USERLANE' && surveyId !== undefined && answerId !== undefined
    ? { source: 'USERLANE', surveyId, id: answerId }
    : null;
}

/** The Userlane response key's answer instant, which says which day's page holds it. */
export function userlaneAnswerDay(syntheticId: string): string | null {
  const parsed = parseUserlaneNpsId(syntheticId);
  const at = parsed ? Date.parse(parsed.timestamp) : Number.NaN;
  return Number.isNaN(at) ? null : new Date(at).toISOString().slice(0, 10);
}

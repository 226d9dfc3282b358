// Readers for JSON bodies and query strings. Each one throws a 400 naming the offending field,
// so handlers read like a list of the documented parameters.
import type { SandboxRequest } from '../types.js';
import { badRequest } from './errors.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An empty body counts as `{}` so that a missing field gets the field's own message. */
export function parseJsonBody(req: SandboxRequest): Json {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('Malformed JSON body');
  }
  if (!isObject(parsed)) throw badRequest('Request body must be a JSON object');
  return parsed;
}

export function readString(body: Json, key: string, opts: { required: true; max?: number }): string;
export function readString(body: Json, key: string, opts?: { max?: number }): string | undefined;
export function readString(
  body: Json,
  key: string,
  opts: { required?: boolean; max?: number } = {},
): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (opts.required) throw badRequest(`${key} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  if (opts.required && value.trim() === '') throw badRequest(`${key} is required`);
  if (opts.max !== undefined && value.length > opts.max) {
    throw badRequest(`${key} must be at most ${opts.max} characters`);
  }
  return value;
}

/** undefined = not sent (leave as is), null = clear. */
export function readNullableString(body: Json, key: string): string | null | undefined {
  if (body[key] === null) return null;
  return readString(body, key);
}

export function readStringArray(body: Json, key: string, max?: number): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw badRequest(`${key} must be an array of strings`);
  }
  if (max !== undefined && value.length > max) {
    throw badRequest(`${key} must have at most ${max} items`);
  }
  return value as string[];
}

export function readBoolean(body: Json, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${key} must be a boolean`);
  return value;
}

export function readNumber(body: Json, key: string): number | null | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badRequest(`${key} must be a number`);
  }
  return value;
}

export function readObject(body: Json, key: string): Json | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badRequest(`${key} must be an object`);
  return value;
}

export function readEnum<T extends string>(
  body: Json,
  key: string,
  values: readonly T[],
): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw badRequest(`${key} must be one of: ${values.join(', ')}`);
  }
  return value as T;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function readEmail(body: Json, key: string): string | undefined {
  const value = readString(body, key);
  if (value !== undefined && !isEmail(value)) throw badRequest(`${key} must be an email address`);
  return value;
}

export function readIsoDate(body: Json, key: string): string | null | undefined {
  const value = readNullableString(body, key);
  if (value === undefined || value === null) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw badRequest(`${key} must be an ISO 8601 date`);
  return new Date(time).toISOString();
}

/** An integer query parameter within bounds, or the default when absent. */
export function queryInt(
  query: URLSearchParams,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(key);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`${key} must be an integer`);
  const value = Number(raw);
  if (value < min || value > max) throw badRequest(`${key} must be between ${min} and ${max}`);
  return value;
}

export function queryBoolean(query: URLSearchParams, key: string): boolean | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badRequest(`${key} must be true or false`);
}

export interface PageParams {
  page: number;
  pageSize: number;
}

export const MAX_PAGE_SIZE = 100;

export function pageParams(query: URLSearchParams): PageParams {
  return {
    page: queryInt(query, 'page', 1, 1, Number.MAX_SAFE_INTEGER),
    pageSize: queryInt(query, 'pageSize', 20, 1, MAX_PAGE_SIZE),
  };
}

export function slicePage<T>(items: readonly T[], { page, pageSize }: PageParams): T[] {
  const start = (page - 1) * pageSize;
  return items.slice(start, start + pageSize);
}

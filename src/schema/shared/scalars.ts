import { GraphQLError, Kind } from 'graphql';
import { builder } from '../../builder.js';
import { FIRST_DATE, isCalendarDate, LAST_DATE } from '../../domain/date-range.js';
import { FIRST_INSTANT, isRepresentableInstant, LAST_INSTANT } from '../../domain/time.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A date (or date-time) in a year the gateway cannot represent: 0000, 10000 on, signed years. */
const YEAR_OUT_OF_RANGE = /^(?:0000|\d{5,}|[+-]\d+)-\d{2}-\d{2}(?:$|T)/;

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/**
 * Days 0001-01-01..9999-12-31: past 9999-12-31 there is no next day in `YYYY-MM-DD` form (it
 * prints `+010000-01-01`, which sorts before every date), and the vendors' date types stop there.
 */
function parseDate(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  const got = JSON.stringify(value);
  if (typeof value === 'string' && YEAR_OUT_OF_RANGE.test(value)) {
    throw badInput(`Date ${got} is out of range: dates run from ${FIRST_DATE} to ${LAST_DATE}`);
  }
  throw badInput(
    `Date must be a calendar date as YYYY-MM-DD, from ${FIRST_DATE} to ${LAST_DATE} (got ${got})`,
  );
}

/** Instants of those days (UTC), so that every instant prints in four-digit-year form. */
function parseDateTime(value: unknown): string {
  const got = JSON.stringify(value);
  const outOfRange = () =>
    badInput(
      `DateTime ${got} is out of range: instants run from ${FIRST_INSTANT} to ${LAST_INSTANT}`,
    );
  if (typeof value === 'string' && YEAR_OUT_OF_RANGE.test(value)) throw outOfRange();
  const ms = typeof value === 'string' && DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (typeof value !== 'string' || Number.isNaN(ms)) {
    throw badInput(`DateTime must be ISO 8601 with a zone, e.g. 2026-05-01T12:00:00Z (got ${got})`);
  }
  // Date.parse rolls 2025-02-29 over to 1 March: the written day must be a real one.
  if (!isCalendarDate(value.slice(0, 10))) {
    throw badInput(
      `DateTime must be ISO 8601 with a zone, on a real calendar day (got ${got}: ` +
        `${value.slice(0, 10)} is no such day)`,
    );
  }
  // The offset can still move a day at either end past the range (9999-12-31T23:00-01:00).
  if (!isRepresentableInstant(ms)) throw outOfRange();
  return new Date(ms).toISOString();
}

builder.scalarType('Date', {
  description: 'A UTC calendar date, YYYY-MM-DD.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with a zone (the gateway answers in UTC).',
  serialize: (value) => value,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'Any JSON value, passed through as the vendor sent it.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

/**
 * Yoga's multipart parser hands over its fetch implementation's File (a ponyfill on Node), which
 * is not an instance of Node's File but has the same interface.
 */
function isFile(value: unknown): value is File {
  if (value instanceof File) return true;
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<Record<keyof File, unknown>>;
  return (
    typeof file.stream === 'function' &&
    typeof file.size === 'number' &&
    typeof file.type === 'string' &&
    typeof file.name === 'string'
  );
}

builder.scalarType('Upload', {
  description: 'A file sent with the GraphQL multipart request spec.',
  serialize: () => {
    throw new GraphQLError('Upload is an input-only scalar');
  },
  parseValue: (value) => {
    if (isFile(value)) return value;
    throw new GraphQLError('Upload must be a file sent as a multipart request part', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  },
});

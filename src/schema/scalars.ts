import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.js';
import { isCalendarDate } from '../domain/date-range.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(
      `Date must be a calendar date as YYYY-MM-DD (got ${JSON.stringify(value)})`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return value;
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(
      `DateTime must be ISO 8601 with a zone, e.g. 2026-05-01T12:00:00Z (got ${JSON.stringify(value)})`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return new Date(value).toISOString();
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

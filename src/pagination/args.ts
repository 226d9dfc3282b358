import { BadUserInputError } from '../errors.js';
import type { CursorArgument } from './cursor-codec.js';
import type { ConnectionArgs } from './types.js';

/** What a page request asks for, once its arguments are known to be coherent. */
export interface PageRequest {
  direction: 'forward' | 'backward';
  /** `first` or `last`. */
  count: number;
  /** The `after` (forward) or `before` (backward) cursor, still encoded. */
  cursor: string | null;
  argument: CursorArgument;
}

export interface Limits {
  field: string;
  maxFirst: number;
  defaultFirst: number;
}

/** Refuses incoherent or out-of-range arguments; touches no cursor content and no vendor. */
export function parseArgs(args: ConnectionArgs, limits: Limits): PageRequest {
  const { first, after, last, before } = args;
  const given = (value: unknown) => value !== null && value !== undefined;
  if (given(first) && given(last)) {
    throw refuse(`Pass either \`first\` or \`last\` to ${limits.field}, not both.`, 'last');
  }
  if (given(after) && given(before)) {
    throw refuse(`Pass either \`after\` or \`before\` to ${limits.field}, not both.`, 'before');
  }
  if ((given(first) && given(before)) || (given(last) && given(after))) {
    throw refuse(
      `Page ${limits.field} forwards with \`first\` and \`after\`, or backwards with \`last\` and \`before\`; do not mix them.`,
      given(before) ? 'before' : 'after',
    );
  }
  const backward = given(last) || given(before);
  const name = backward ? 'last' : 'first';
  const count = checkCount(backward ? last : first, name, limits);
  const cursor = backward ? before : after;
  return {
    direction: backward ? 'backward' : 'forward',
    count,
    cursor: given(cursor) ? (cursor as string) : null,
    argument: backward ? 'before' : 'after',
  };
}

function checkCount(value: number | null | undefined, name: 'first' | 'last', limits: Limits) {
  if (value === null || value === undefined) return Math.min(limits.defaultFirst, limits.maxFirst);
  if (!Number.isInteger(value) || value < 0 || value > limits.maxFirst) {
    const cursor = name === 'first' ? 'after' : 'before';
    throw refuse(
      `\`${name}\` of ${limits.field} must be a whole number from 0 to ${limits.maxFirst} (got ${value}); page through longer lists with \`${cursor}\`.`,
      name,
      { maxFirst: limits.maxFirst },
    );
  }
  return value;
}

export function refuse(
  message: string,
  argument: string,
  extra: Record<string, unknown> = {},
): BadUserInputError {
  return new BadUserInputError(message, { argument, ...extra });
}

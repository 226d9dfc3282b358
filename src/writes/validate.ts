// Checks of mutation input made before any vendor call. Problems are collected rather than thrown
// one by one, so that a caller fixing a large batch sees every problem in one answer.
import { isEmail } from '../domain/email.js';
import { BadUserInputError } from '../errors.js';
import { decodeGlobalId } from '../global-id.js';

export interface InputProblem {
  /** Where, as the caller wrote it: `input.score`, `records[7003].email`. */
  field: string;
  /** What the rule is, phrased to follow the field: `must be an integer from 0 to 10`. */
  rule: string;
}

/** Enough to fix a batch without the answer itself becoming huge. */
const LISTED_PROBLEMS = 100;

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export class InputChecks {
  readonly #problems: InputProblem[] = [];
  readonly #argument: string;

  /** `argument`: the GraphQL argument the fields belong to, for `extensions.argument`. */
  constructor(argument: string) {
    this.#argument = argument;
  }

  get ok(): boolean {
    return this.#problems.length === 0;
  }

  refuse(field: string, rule: string): undefined {
    this.#problems.push({ field, rule });
    return undefined;
  }

  /** Throws one BAD_USER_INPUT naming the first problem and listing the others. */
  done(): void {
    const [first] = this.#problems;
    if (!first) return;
    const more = this.#problems.length - 1;
    const message =
      `${first.field} ${first.rule}` +
      (more > 0
        ? ` (and ${more} more problem${more > 1 ? 's' : ''}: see extensions.problems)`
        : '');
    throw new BadUserInputError(message, {
      argument: this.#argument,
      field: first.field,
      problems: this.#problems
        .slice(0, LISTED_PROBLEMS)
        .map((p) => ({ field: p.field, message: `${p.field} ${p.rule}` })),
      problemCount: this.#problems.length,
    });
  }

  /** Present and not null; `why` finishes "is required ...". */
  required<T>(field: string, value: T | null | undefined, why = ''): T | undefined {
    if (value === undefined || value === null) {
      return this.refuse(field, `is required${why ? ` ${why}` : ''}`);
    }
    return value;
  }

  /** Trimmed; the syntax check only, the vendor owns the deeper rules. */
  email(field: string, value: string): string | undefined {
    const email = value.trim();
    if (!isEmail(email)) {
      return this.refuse(
        field,
        `must be an email address like name@example.com (got ${quote(value)})`,
      );
    }
    return email;
  }

  int(field: string, value: number, min: number, max: number): number | undefined {
    if (!Number.isInteger(value) || value < min || value > max) {
      return this.refuse(field, `must be an integer from ${min} to ${max} (got ${value})`);
    }
    return value;
  }

  text(
    field: string,
    value: string,
    limits: { maxLength?: number; allowBlank?: boolean } = {},
  ): string | undefined {
    if (!limits.allowBlank && value.trim() === '') return this.refuse(field, 'must not be blank');
    if (limits.maxLength !== undefined && value.length > limits.maxLength) {
      return this.refuse(
        field,
        `must be at most ${limits.maxLength} characters (got ${value.length})`,
      );
    }
    return value;
  }

  /** An ISO 8601 instant with a zone, returned in UTC `toISOString()` form. */
  instant(field: string, value: string): string | undefined {
    const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
    const ms = zoned ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      return this.refuse(
        field,
        `must be an ISO 8601 instant with a zone, e.g. 2026-05-01T12:00:00Z (got ${quote(value)})`,
      );
    }
    return new Date(ms).toISOString();
  }

  /** A JSON object (not an array, not a scalar). */
  jsonObject(field: string, value: unknown): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.refuse(field, 'must be a JSON object');
    }
    return value as Record<string, unknown>;
  }

  /** One of a fixed set of values, compared exactly. */
  oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T | undefined {
    if (!(allowed as readonly string[]).includes(value)) {
      return this.refuse(field, `must be one of ${allowed.join(', ')} (got ${quote(value)})`);
    }
    return value as T;
  }

  /** A finite number above zero. */
  positive(field: string, value: number): number | undefined {
    if (!Number.isFinite(value) || value <= 0) {
      return this.refuse(field, `must be a number above 0 (got ${value})`);
    }
    return value;
  }

  /** At most `max` entries. */
  maxItems<T>(field: string, values: readonly T[], max: number): readonly T[] | undefined {
    if (values.length > max) {
      return this.refuse(field, `must have at most ${max} entries (got ${values.length})`);
    }
    return values;
  }

  /** An absolute http(s) URL. */
  url(field: string, value: string): string | undefined {
    let parsed: URL | undefined;
    try {
      parsed = new URL(value.trim());
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      return this.refuse(field, `must be an absolute http(s) URL (got ${quote(value)})`);
    }
    return value.trim();
  }

  /**
   * A value sent as an HTTP header (an idempotency key): visible ASCII only, so that it reaches
   * the vendor exactly as given.
   */
  headerValue(field: string, value: string, maxLength: number): string | undefined {
    if (!/^[\x21-\x7e]+$/.test(value)) {
      return this.refuse(
        field,
        'must be visible ASCII characters without spaces (letters, digits, -, _, ...)',
      );
    }
    if (value.length > maxLength) {
      return this.refuse(field, `must be at most ${maxLength} characters (got ${value.length})`);
    }
    return value;
  }

  /** The key inside a global id of `typename`; ids of other types are refused. */
  globalId(field: string, value: string | number, typename: string): string | undefined {
    let decoded: { typename: string; id: string };
    try {
      decoded = decodeGlobalId(String(value));
    } catch {
      return this.refuse(
        field,
        `must be a ${typename} id exactly as the API returned it (got ${quote(String(value))})`,
      );
    }
    if (decoded.typename !== typename) {
      return this.refuse(field, `must be a ${typename} id (got the id of a ${decoded.typename})`);
    }
    return decoded.id;
  }

  /** A MongoDB ObjectId, as Planhat's ids are: 24 hexadecimal characters. */
  objectId(field: string, value: string): string | undefined {
    if (!OBJECT_ID.test(value)) {
      return this.refuse(field, `must be an id of 24 hexadecimal characters (got ${quote(value)})`);
    }
    return value;
  }
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * A value the caller passed that no vendor call may carry, refused before any call is made. It
 * is no vendor failure (no vendor saw it) and no bug; the GraphQL layer answers BAD_USER_INPUT
 * with this message, so the message says what to fix. Here, not in src/errors.ts, because the
 * vendor clients raise it and hold nothing of GraphQL.
 */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

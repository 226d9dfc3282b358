import { GraphQLError } from 'graphql';

/** An expected refusal of the caller's input; the message tells the caller what to fix. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
  }
}

import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The operation a request executes, kept on its context: a read shared by several fields can
 * then be chosen for everything the operation asks, not only for the field that starts it (see
 * src/schema/nps/record-reads.ts). Set before any resolver runs; absent outside an execution.
 */
export interface ExecutedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
}

const EXECUTED = Symbol('executed operation');

interface Holder {
  [EXECUTED]?: ExecutedOperation;
}

export function executedOperation(ctx: object): ExecutedOperation | undefined {
  return (ctx as Holder)[EXECUTED];
}

export function useExecutedOperation(): Plugin {
  return {
    onExecute({ args }) {
      const holder = args.contextValue as Holder;
      holder[EXECUTED] = {
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
      };
    },
  };
}

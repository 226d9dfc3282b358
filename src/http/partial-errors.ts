import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Errors of a field that still answered: a merged NPS read whose vendor failed answers from the
 * sources that worked, and the failure goes out beside the data as a GraphQL error (with its
 * `extensions.code` and `vendor`). Resolvers push them on the request's context
 * (`ctx.partialErrors`, made on first use); they join the result's errors when execution ends,
 * or, for an incremental answer (@defer, @stream), the part that carries the field.
 */
export const PARTIAL_ERRORS = Symbol('partial errors');

export interface PartialErrors {
  [PARTIAL_ERRORS]?: GraphQLError[];
}

export function addPartialError(ctx: object, error: GraphQLError): void {
  const holder = ctx as PartialErrors;
  (holder[PARTIAL_ERRORS] ??= []).push(error);
}

type Path = readonly (string | number)[];

interface Part {
  data?: unknown;
  errors?: readonly GraphQLError[];
  incremental?: readonly { data?: unknown; items?: unknown; path?: Path; errors?: unknown[] }[];
  hasNext?: boolean;
}

export function usePartialErrors(): Plugin {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as PartialErrors;
      return {
        onExecuteDone({ result, setResult }) {
          if (typeof result !== 'object' || result === null) return undefined;
          if (Symbol.asyncIterator in result) {
            return {
              onNext: ({ result: part, setResult: setPart }) => {
                const placed = placeInPart(ctx, part as Part);
                if (placed) setPart(placed as typeof part);
              },
            };
          }
          const partial = ctx[PARTIAL_ERRORS];
          if (partial?.length)
            setResult({ ...result, errors: [...(result.errors ?? []), ...partial] });
          return undefined;
        },
      };
    },
  };
}

/**
 * The part with the partial errors of the fields it carries: a deferred field's error must not
 * reach the client before (or without) the field. Errors of fields still to come wait for their
 * part; the last part takes whatever is left, so none is lost.
 */
function placeInPart(ctx: PartialErrors, part: Part): Part | undefined {
  const pending = ctx[PARTIAL_ERRORS];
  if (!pending?.length) return undefined;
  const last = part.hasNext === false;
  const take = (carries: (path: Path) => boolean) => {
    const left = ctx[PARTIAL_ERRORS] ?? [];
    const taken = left.filter((e) => carries(e.path ?? []));
    ctx[PARTIAL_ERRORS] = left.filter((e) => !taken.includes(e));
    return taken;
  };
  if (!part.incremental) {
    const taken = take((path) => last || holds(part.data, [], path));
    return taken.length ? { ...part, errors: [...(part.errors ?? []), ...taken] } : undefined;
  }
  let changed = false;
  const incremental = part.incremental.map((item, i, all) => {
    const at = item.path ?? [];
    const isLast = last && i === all.length - 1;
    const taken = isLast
      ? take(() => true)
      : take((path) =>
          item.items !== undefined ? startsWith(path, at) : holds(item.data, at, path),
        );
    if (!taken.length) return item;
    changed = true;
    return { ...item, errors: [...(item.errors ?? []), ...taken] };
  });
  return changed ? { ...part, incremental } : undefined;
}

/** Whether `data`, the value at `at`, holds the field at `path`. */
function holds(data: unknown, at: Path, path: Path): boolean {
  if (path.length <= at.length || !startsWith(path, at)) return false;
  const key = path[at.length]!;
  return typeof data === 'object' && data !== null && key in data;
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.every((segment, i) => path[i] === segment);
}

import type { DocumentNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import { Kind, Lexer, Source, TokenKind } from 'graphql';

/**
 * Tokens of a document, counted by graphql-js's own lexer without building anything; counting
 * stops at a lexical error, which the parser reports. Bounded by the body size limit.
 */
export function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // The parser reports the syntax error with its location.
  }
  return count;
}

/**
 * The deepest field nesting of any operation, fragments expanded (each once per path, so a
 * cycle, which validation refuses anyway, cannot loop). Inside introspection, `ofType` chains do
 * not count: GraphiQL's own introspection query nests them seven deep.
 */
export function maxDepth(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const depthOf = (
    set: SelectionSetNode,
    introspection: boolean,
    path: ReadonlySet<string>,
  ): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const inIntrospection = introspection || name === '__schema' || name === '__type';
        const own = inIntrospection && name === 'ofType' ? 0 : 1;
        const below = selection.selectionSet
          ? depthOf(selection.selectionSet, inIntrospection, path)
          : 0;
        deepest = Math.max(deepest, own + below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, introspection, path));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || path.has(name)) continue;
        const key = `${introspection}:${name}`;
        let depth = memo.get(key);
        if (depth === undefined) {
          depth = depthOf(fragment.selectionSet, introspection, new Set([...path, name]));
          memo.set(key, depth);
        }
        deepest = Math.max(deepest, depth);
      }
    }
    return deepest;
  };
  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      deepest = Math.max(deepest, depthOf(definition.selectionSet, false, new Set()));
    }
  }
  return deepest;
}

/** Aliased fields anywhere in the document. */
export function countAliases(document: DocumentNode): number {
  let count = 0;
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) count++;
        if (selection.selectionSet) visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      }
    }
  };
  for (const definition of document.definitions) {
    if (
      definition.kind === Kind.OPERATION_DEFINITION ||
      definition.kind === Kind.FRAGMENT_DEFINITION
    ) {
      visit(definition.selectionSet);
    }
  }
  return count;
}

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return fragments;
}

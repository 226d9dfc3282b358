import type { DocumentNode, GraphQLSchema } from 'graphql';
import { visit } from 'graphql';
import { setRecent } from '../cache/recent-map.js';
import { analyzeOperation, type OperationAnalysis } from './cost.js';
import { countAliases, countTokens, maxDepth } from './document-limits.js';

// The limits' document analysis, done once per document rather than once per request: Yoga's
// parser and validation caches hand the same DocumentNode to every request with the same text,
// so results keyed on the node live exactly as long as Yoga keeps the document.

const TEXTS = 1000;
/** Texts longer than this are counted every time: a cache of them would hold too much. */
const LONGEST_CACHED_TEXT = 20_000;
const COSTS_PER_DOCUMENT = 64;

/** Token counts by query text, the oldest dropped past TEXTS entries. */
export function tokenCounter(): (text: string) => number {
  const counts = new Map<string, number>();
  return (text) => {
    if (text.length > LONGEST_CACHED_TEXT) return countTokens(text);
    let count = counts.get(text);
    if (count === undefined) {
      count = countTokens(text);
      setRecent(counts, text, count, TEXTS);
    }
    return count;
  };
}

interface Analysis {
  depth: number;
  aliases: number;
  /** Variables the operations' arguments use: what the cost reads of the request. */
  costVariables: string[];
  costs: Map<string, OperationAnalysis>;
}

/**
 * Depth, aliases and cost of documents, each computed once per document (and cost variables).
 * Id lists longer than `maxIds` are refused on their length, so they are neither decoded nor
 * printed into a cache key.
 */
export function documentAnalyzer(schema: GraphQLSchema, maxIds = Number.POSITIVE_INFINITY) {
  const analyses = new WeakMap<DocumentNode, Analysis>();
  const analysisOf = (document: DocumentNode): Analysis => {
    let analysis = analyses.get(document);
    if (!analysis) {
      analysis = {
        depth: maxDepth(document),
        aliases: countAliases(document),
        costVariables: costVariablesOf(document),
        costs: new Map(),
      };
      analyses.set(document, analysis);
    }
    return analysis;
  };
  return {
    depth: (document: DocumentNode) => analysisOf(document).depth,
    aliases: (document: DocumentNode) => analysisOf(document).aliases,
    operation(
      document: DocumentNode,
      operationName: string | null | undefined,
      variables: Record<string, unknown> | null | undefined,
    ): OperationAnalysis {
      const analysis = analysisOf(document);
      let key = operationName ?? '';
      for (const name of analysis.costVariables) {
        const value = variables?.[name];
        if (Array.isArray(value) && value.length > maxIds) {
          return analyzeOperation(schema, document, operationName, variables, maxIds);
        }
        key += value === undefined ? '\u0000' : `\u0000${JSON.stringify(value)}`;
      }
      // Large inputs (a mutation's records) are analyzed again rather than kept as a key.
      if (key.length > LONGEST_CACHED_TEXT) {
        return analyzeOperation(schema, document, operationName, variables, maxIds);
      }
      let result = analysis.costs.get(key);
      if (result === undefined) {
        result = analyzeOperation(schema, document, operationName, variables, maxIds);
        if (analysis.costs.size >= COSTS_PER_DOCUMENT) analysis.costs.clear();
        analysis.costs.set(key, result);
      }
      return result;
    },
  };
}

function costVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  // Filters, ranges, cursors and id lists all change what a field may cost (cost/reads.ts), at
  // any depth of an input object: every variable an argument uses keys the cost.
  visit(document, {
    VariableDefinition: () => false,
    Variable(node) {
      names.add(node.name.value);
    },
  });
  return [...names].sort();
}

// GraphQL request metrics and the request's trace, as one Yoga plugin. Nothing is hooked when both
// metrics and tracing are off; each hook does the least it can, as every request pays for it.
import type { ExecutionResult } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestInfo } from '../http/request-info.js';
import type { GatewayMetrics } from './metrics.js';
import { codeLabel } from './metrics.js';
import type { GatewayTracing } from './tracing.js';
import type { RequestTrace } from './tracing-types.js';

interface RequestState {
  startedAt: number;
  operation: string;
  type: string;
  outcome: 'ok' | 'partial' | 'error' | undefined;
  codes: string[];
  trace: RequestTrace | undefined;
  /** The body held several operations (only looked at when batching is on). */
  batched: boolean;
}

const STATE = Symbol('observed request');

interface Holder {
  [STATE]?: RequestState;
}

/** What the plugin reads of Yoga's context. */
interface ContextView {
  request: Request;
}

export function useObservability(options: {
  metrics?: GatewayMetrics | undefined;
  tracing?: GatewayTracing | undefined;
  /** Whether a body may hold several operations (GRAPHQL_MAX_BATCH > 1). */
  batching?: boolean;
}): Plugin {
  const { metrics, tracing } = options;
  if (!metrics && !tracing) return {};
  // Made on the first hook that needs it: metrics alone hook no request's start (the request id
  // plugin notes when it arrived), a trace starts its SERVER span there. Kept on the request
  // itself, not in a WeakMap: each short-lived key of a WeakMap is an ephemeron every young-GC
  // must trace, which cost more than the plugin's own code (CPU per `{ __typename }` request).
  const stateOf = (request: Request): RequestState => {
    const holder = request as Request & Holder;
    let state = holder[STATE];
    if (state === undefined) {
      state = {
        startedAt: requestInfo(request).startedAt,
        operation: 'unknown',
        type: 'unknown',
        outcome: undefined,
        codes: [],
        trace: undefined,
        batched: false,
      };
      holder[STATE] = state;
    }
    return state;
  };
  const plugin: Plugin = {
    onExecute({ args }) {
      const state = stateOf((args.contextValue as unknown as ContextView).request);
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      if (metrics) {
        // A batched request runs several operations: one label for all.
        const again = state.operation !== 'unknown';
        state.operation = again ? 'batch' : metrics.operations.label(operation?.name?.value);
        state.type = again ? 'batch' : (operation?.operation ?? 'unknown');
      }
      const span = state.trace?.operation(args.document, operation, state.batched);
      if (!span) return;
      return {
        onExecuteDone({ result }) {
          span.end(isResult(result) ? result : undefined);
        },
      };
    },
    onResultProcess({ request, result }) {
      const state = stateOf(request);
      const results = Array.isArray(result) ? result : [result];
      for (const one of results) {
        if (!isResult(one)) continue;
        const errors = one.errors;
        if (errors === undefined || errors.length === 0) {
          if (state.outcome === undefined) state.outcome = 'ok';
          continue;
        }
        for (const error of errors) state.codes.push(codeLabel(error.extensions?.code));
        const outcome = one.data ? 'partial' : 'error';
        if (state.outcome !== 'error') state.outcome = outcome;
      }
    },
    onResponse({ request, response }) {
      const state = stateOf(request);
      // The span's error codes are the GraphQL errors' (a refusal's status is on it already).
      state.trace?.end(response.status, state.codes);
      if (!metrics) return;
      let outcome = state.outcome;
      // Answered before any result (a refused key, an upload refused): the status says it.
      if (outcome === undefined) {
        outcome = response.status >= 400 ? 'error' : 'ok';
        if (response.status >= 400) state.codes.push(`HTTP_${response.status}`);
      }
      const seconds = (performance.now() - state.startedAt) / 1000;
      metrics.graphqlRequest(state.operation, state.type, outcome, seconds, state.codes);
    },
  };
  if (tracing) {
    plugin.onRequest = ({ request }) => {
      stateOf(request).trace = tracing.requestStarted(request, requestInfo(request).id);
    };
  }
  if (tracing && options.batching) {
    // Only a traced, batching gateway needs to know, before executing, that a body is a batch.
    plugin.onRequestParse = ({ request }) => ({
      onRequestParseDone({ requestParserResult }) {
        stateOf(request).batched = Array.isArray(requestParserResult);
      },
    });
  }
  return plugin;
}

function isResult(value: unknown): value is ExecutionResult {
  return typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value);
}

// GraphQL request metrics and the request and operation spans, as one Yoga plugin. Nothing is
// hooked when both metrics and tracing are off.
import type { ExecutionResult } from 'graphql';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestInfo } from '../http/request-info.js';
import type { GatewayMetrics } from './metrics.js';
import { codeLabel } from './metrics.js';
import type { GatewayTracing } from './tracing.js';

interface RequestState {
  startedAt: number;
  operation: string;
  type: string;
  outcome: 'ok' | 'partial' | 'error' | undefined;
  codes: string[];
}

/** What the plugin reads of Yoga's context. */
interface ContextView {
  request: Request;
}

export function useObservability(options: {
  metrics?: GatewayMetrics | undefined;
  tracing?: GatewayTracing | undefined;
}): Plugin {
  const { metrics, tracing } = options;
  if (!metrics && !tracing) return {};
  const states = new WeakMap<Request, RequestState>();
  return {
    onRequest({ request }) {
      if (metrics) {
        states.set(request, {
          startedAt: performance.now(),
          operation: 'unknown',
          type: 'unknown',
          outcome: undefined,
          codes: [],
        });
      }
      tracing?.requestStarted(request, requestInfo(request).id);
    },
    onExecute({ args }) {
      const ctx = args.contextValue as unknown as ContextView;
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      const state = states.get(ctx.request);
      if (state) {
        // A batched request (GRAPHQL_MAX_BATCH > 1) runs several operations: one label for all.
        const again = state.operation !== 'unknown';
        state.operation = again ? 'batch' : metrics!.operations.label(operation?.name?.value);
        state.type = again ? 'batch' : (operation?.operation ?? 'unknown');
      }
      if (!tracing) return;
      const span = tracing.operationStarted(ctx.request, args.document, operation);
      return {
        onExecuteDone({ result }) {
          span?.end(isResult(result) ? result : undefined);
        },
      };
    },
    onResultProcess({ request, result }) {
      const state = states.get(request);
      if (!state) return;
      const results = Array.isArray(result) ? result : [result];
      for (const one of results) {
        if (!isResult(one)) continue;
        const errors = one.errors ?? [];
        for (const error of errors) state.codes.push(codeLabel(error.extensions?.code));
        const outcome = errors.length === 0 ? 'ok' : one.data ? 'partial' : 'error';
        if (state.outcome === undefined || rank(outcome) > rank(state.outcome)) {
          state.outcome = outcome;
        }
      }
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (state) {
        states.delete(request);
        let outcome = state.outcome;
        // Answered before any result (a refused key, an upload refused): the status says it.
        if (outcome === undefined) {
          outcome = response.status >= 400 ? 'error' : 'ok';
          if (response.status >= 400) state.codes.push(`HTTP_${response.status}`);
        }
        const seconds = (performance.now() - state.startedAt) / 1000;
        metrics!.graphqlRequest(state.operation, state.type, outcome, seconds, state.codes);
      }
      tracing?.requestEnded(request, response.status);
    },
  };
}

const rank = (outcome: 'ok' | 'partial' | 'error') =>
  outcome === 'ok' ? 0 : outcome === 'partial' ? 1 : 2;

function isResult(value: unknown): value is ExecutionResult {
  return typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value);
}

// What the gateway asks of its tracer, apart from the SDK that implements it (tracing-spans.ts),
// so that everything else can name it without loading the SDK.
import type { DocumentNode, ExecutionResult, OperationDefinitionNode } from 'graphql';
import type { AttemptWatch } from '../transport/observer.js';
import type { VendorName, VendorRequest } from '../transport/types.js';
import type { TraceFields } from './trace-fields.js';

/** Where a vendor's calls go, for the CLIENT spans' `server.*` and `url.template`. */
export interface VendorTarget {
  vendor: VendorName;
  host: string;
  port: number;
  /** The base URL's path, prefixed to every template but a request's own `basePath`'s. */
  basePath: string;
}

/** What the gateway asks of the tracer; implemented over the SDK in tracing-sdk.ts. */
export interface GatewayTracing {
  /**
   * The SERVER span of a GraphQL HTTP request, continuing its `traceparent` if it has one. Its
   * vendor calls find it through their request scope (src/transport/deadline.ts), whatever task
   * they are started from.
   */
  requestStarted(request: Request, requestId: string): RequestTrace;
  /** The CLIENT span of one vendor attempt, under the operation its signal belongs to. */
  attempt(
    target: VendorTarget,
    req: VendorRequest,
    attempt: number,
  ): Omit<AttemptWatch, 'end' | 'unsent'> & {
    end(status: number | string, errorType?: string): void;
  };
  /** The operation's span (for log lines about a call refused before any attempt). */
  logFields(signal: AbortSignal | undefined): TraceFields | undefined;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** One request's trace, as the GraphQL layer feeds it. */
export interface RequestTrace {
  /**
   * The operation the request executes. Alone, it is told on the SERVER span (its name, type and
   * document hash), under which the vendor calls go; in a batch (`batched`), each operation gets
   * an INTERNAL span of its own, returned, and the calls go under the latest.
   */
  operation(
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined | null,
    batched: boolean,
  ): OperationSpan | undefined;
  /** The response went out: its status, and the codes of the GraphQL errors it carried. */
  end(status: number, codes: readonly string[]): void;
}

/** One operation's span in a batched request. */
export interface OperationSpan {
  end(result: ExecutionResult | undefined): void;
}

export type OtlpProtocol = 'http/protobuf' | 'http/json';

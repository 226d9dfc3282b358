import type { GraphQLSchema } from 'graphql';
import { GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestLimits } from '../config.js';
import { documentAnalyzer, tokenCounter } from './analysis-cache.js';
import { isMultipart } from './content-type.js';

export type LimitName = 'depth' | 'aliases' | 'tokens' | 'cost' | 'body' | 'batch' | 'ids';

const SETTINGS: Record<LimitName, string> = {
  depth: 'GRAPHQL_MAX_DEPTH',
  aliases: 'GRAPHQL_MAX_ALIASES',
  tokens: 'GRAPHQL_MAX_TOKENS',
  cost: 'GRAPHQL_MAX_COST',
  body: 'GRAPHQL_MAX_BODY_BYTES',
  batch: 'GRAPHQL_MAX_BATCH',
  ids: 'GRAPHQL_MAX_IDS',
};

const WHAT: Record<LimitName, string> = {
  depth: 'Query depth',
  aliases: 'Aliased fields',
  tokens: 'Query tokens',
  cost: 'Estimated vendor cost',
  body: 'Request body bytes',
  batch: 'Operations in the batch',
  ids: 'Ids in one list',
};

const HOW: Record<LimitName, string> = {
  depth: 'select fewer nested levels',
  aliases: 'use fewer aliases, or several requests',
  tokens: 'send a shorter document',
  cost: 'ask for smaller pages (`first`) or fewer nested connections, or split the query',
  body: 'send a smaller request',
  batch: 'send fewer operations per request',
  ids: 'look the ids up in several requests',
};

/** A request over one of the limits: which limit, its value, and by how much it is over. */
export function limitError(limit: LimitName, max: number, actual: number, setting?: string) {
  const name = setting ?? SETTINGS[limit];
  return new GraphQLError(
    `${WHAT[limit]}: ${actual}, over the limit of ${max} by ${actual - max} (${name}); ${HOW[limit]}.`,
    {
      extensions: {
        code: 'LIMIT_EXCEEDED',
        limit,
        max,
        actual,
        setting: name,
        // Not a spec validation error: 4xx whatever the Accept header.
        http: { status: limit === 'body' ? 413 : 400, spec: false },
      },
    },
  );
}

/**
 * Every limit checked before execution, each as early as it can be: body size while reading it,
 * batch size once parsed, tokens before the parser builds anything, depth and aliases before
 * validation (whose overlapping-fields rule is quadratic), cost once the variables are known.
 * A refused request reaches no resolver, so it costs no vendor call.
 */
export function useRequestLimits(limits: RequestLimits, schema: GraphQLSchema): Plugin {
  const countTokens = tokenCounter();
  const analyzer = documentAnalyzer(schema, limits.maxIds);
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const multipart = isMultipart(request);
      const max = multipart ? limits.maxUploadBytes : limits.maxBodyBytes;
      const setting = multipart ? 'GRAPHQL_MAX_UPLOAD_BYTES' : 'GRAPHQL_MAX_BODY_BYTES';
      const declared = request.headers.get('content-length');
      if (declared !== null && !/^\d+$/.test(declared)) {
        throw new GraphQLError('Content-Length header is invalid.', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        });
      }
      if (declared !== null && Number(declared) > max) {
        throw limitError('body', max, Number(declared), setting);
      }
      // With a Content-Length within the limit nothing is left to count: Node's HTTP parser
      // delivers exactly that many bytes, never more. Only a body sent without one is counted
      // while it is read (chunked), and refused as soon as it passes the limit.
      if (declared === null && requestParser && request.body) {
        const parser = requestParser;
        setRequestParser(async (req) =>
          parser(
            multipart
              ? withCountedStream(req, max, setting, fetchAPI)
              : await withLimitedBody(req, max, setting, fetchAPI.Request),
          ),
        );
      }
      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult)) return;
          if (limits.maxBatch <= 1) {
            throw new GraphQLError(
              'Batched requests are turned off (GRAPHQL_MAX_BATCH=1): send one operation per request.',
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            );
          }
          if (requestParserResult.length > limits.maxBatch) {
            throw limitError('batch', limits.maxBatch, requestParserResult.length);
          }
        },
      };
    },
    onParams({ params, setResult }) {
      // Before the parser builds anything (a parse error would also be answered 200 to JSON).
      if (typeof params.query !== 'string') return;
      const tokens = countTokens(params.query);
      if (tokens > limits.maxTokens) {
        setResult({ errors: [limitError('tokens', limits.maxTokens, tokens)] });
      }
    },
    onParse({ setParseFn }) {
      // The parser's own bound, should a document reach it some other way.
      setParseFn((source, options) => parse(source, { ...options, maxTokens: limits.maxTokens }));
    },
    onValidate({ params, setResult }) {
      const depth = analyzer.depth(params.documentAST);
      if (depth > limits.maxDepth) {
        setResult([limitError('depth', limits.maxDepth, depth)]);
        return;
      }
      const aliases = analyzer.aliases(params.documentAST);
      if (aliases > limits.maxAliases)
        setResult([limitError('aliases', limits.maxAliases, aliases)]);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const { cost, longestIdList } = analyzer.operation(
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | null | undefined,
      );
      if (longestIdList > limits.maxIds) {
        setResultAndStopExecution({
          errors: [limitError('ids', limits.maxIds, longestIdList)],
        });
        return;
      }
      if (cost > limits.maxCost) {
        setResultAndStopExecution({ errors: [limitError('cost', limits.maxCost, cost)] });
      }
    },
  };
}

/**
 * The request with its body read up to `max` bytes: a body sent without a Content-Length is
 * refused as soon as it passes the limit, never buffered whole.
 */
async function withLimitedBody(
  request: Request,
  max: number,
  setting: string,
  RequestCtor: typeof Request,
): Promise<Request> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw limitError('body', max, size, setting);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return new RequestCtor(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
  });
}

/** An upload sent without a Content-Length, still streamed, failing once it passes `max` bytes. */
function withCountedStream(
  request: Request,
  max: number,
  setting: string,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
): Request {
  let size = 0;
  // A native stream needs the native TransformStream, a ponyfilled one the ponyfill's.
  const Transform =
    request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > max) controller.error(limitError('body', max, size, setting));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    duplex: 'half',
  } as RequestInit);
}

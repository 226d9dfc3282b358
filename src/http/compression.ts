import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Plugin } from 'graphql-yoga';

/** Below this a compressed body saves less than the work costs (and often no packet at all). */
export const COMPRESSION_MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

// Quality 4 / level 6: dynamic content. Brotli's default (11) takes ~50x longer for ~10% less.
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP = { level: 6 };
const compressBuffer = {
  br: promisify((input: Buffer, cb: (error: Error | null, out: Buffer) => void) =>
    brotliCompress(input, BROTLI, cb),
  ),
  gzip: promisify((input: Buffer, cb: (error: Error | null, out: Buffer) => void) =>
    gzip(input, GZIP, cb),
  ),
};

/**
 * The encoding to answer with, from `Accept-Encoding` (RFC 9110 12.5.3): Brotli over gzip when
 * both are acceptable, neither when refused with `q=0`; `*` stands for both.
 */
export function chooseEncoding(header: string): Encoding | undefined {
  let best: Encoding | undefined;
  let bestQ = 0;
  let star: number | undefined;
  const q: Partial<Record<Encoding, number>> = {};
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    const weight = Number.isFinite(value) ? value : 0;
    if (name === 'br' || name === 'gzip') q[name] = weight;
    else if (name === '*') star = weight;
  }
  for (const encoding of ['br', 'gzip'] as const) {
    const weight = q[encoding] ?? star ?? 0;
    if (weight > bestQ) {
      best = encoding;
      bestQ = weight;
    }
  }
  return best;
}

const isStream = (type: string) =>
  type.startsWith('multipart/') || type.startsWith('text/event-stream');

/**
 * gzip or Brotli per `Accept-Encoding` for answers over COMPRESSION_MIN_BYTES. A request without
 * the header costs one header lookup. Whole answers are compressed off the main thread (zlib's
 * pool); incremental ones (`@defer`/`@stream` as multipart/mixed, SSE) are compressed part by
 * part with a flush after each, so every part reaches the client as soon as it is produced.
 */
export function useCompression(): Plugin {
  // GraphiQL's page is one ~9 MB string served again and again: compressed once per encoding.
  let page: { html: string; encoded: Partial<Record<Encoding, Buffer>> } | undefined;
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      const accept = request.headers.get('accept-encoding');
      if (accept === null || !response.body) return;
      // Yoga marks SSE `none` to keep buffering proxies off it; this flushes every event instead.
      const current = response.headers.get('content-encoding');
      if (current !== null && current !== 'none' && current !== 'identity') return;
      appendVary(response.headers);
      const encoding = chooseEncoding(accept);
      if (encoding === undefined) return;
      const type = response.headers.get('content-type') ?? '';
      const headers = new fetchAPI.Headers(response.headers);
      const init = { status: response.status, statusText: response.statusText, headers };
      if (isStream(type)) {
        headers.set('content-encoding', encoding);
        headers.delete('content-length');
        const body = compressStream(response.body, encoding);
        setResponse(new fetchAPI.Response(body as unknown as BodyInit, init));
        return;
      }
      return response.text().then(async (text) => {
        if (Buffer.byteLength(text) < COMPRESSION_MIN_BYTES) {
          setResponse(new fetchAPI.Response(text, init));
          return;
        }
        let encoded: Buffer;
        if (type.startsWith('text/html')) {
          if (page?.html !== text) page = { html: text, encoded: {} };
          encoded = page.encoded[encoding] ??= await compressBuffer[encoding](Buffer.from(text));
        } else encoded = await compressBuffer[encoding](Buffer.from(text));
        headers.set('content-encoding', encoding);
        headers.set('content-length', String(encoded.length));
        setResponse(new fetchAPI.Response(encoded as unknown as BodyInit, init));
      });
    },
  };
}

/** Caches must keep one copy per encoding (RFC 9110 12.5.5). */
export function appendVary(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'Accept-Encoding');
  else if (!/accept-encoding/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

/** The stream through zlib, flushed after every chunk; the source is cancelled on close. */
function compressStream(body: ReadableStream<Uint8Array>, encoding: Encoding): Readable {
  const zlib =
    encoding === 'br'
      ? createBrotliCompress({ ...BROTLI, flush: constants.BROTLI_OPERATION_FLUSH })
      : createGzip({ ...GZIP, flush: constants.Z_SYNC_FLUSH });
  const reader = body.getReader();
  zlib.once('close', () => void reader.cancel().catch(() => undefined));
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (zlib.destroyed) return;
        if (!zlib.write(value)) await once(zlib, 'drain');
      }
      zlib.end();
    } catch (error) {
      zlib.destroy(error as Error);
    }
  })();
  return zlib;
}

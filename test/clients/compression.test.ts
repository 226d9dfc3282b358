import { request } from 'node:http';
import { brotliDecompressSync, createGunzip, gunzipSync } from 'node:zlib';
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, COMPRESSION_MIN_BYTES } from '../../src/http/compression.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { listen } from '../support/raw-http.js';

// Compression on a real server (Node's HTTP client, which, unlike fetch, does not decode): the
// decoded body equals the plain one, small answers stay plain, incremental answers arrive part
// by part while compressed.

let gw: TestGateway;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  gw = await startTestGateway();
  server = await listen(gw);
});
afterAll(async () => {
  await server.close();
  await gw.close();
});

interface Raw {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function send(body: unknown, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const BIG = {
  query: '{ npsResponses(first: 200) { nodes { id score comment source answeredAt } } }',
};
const SMALL = { query: '{ vendors { source } }' };

describe('compression per Accept-Encoding', () => {
  it('answers a 200-item NPS page in gzip and in Brotli, each decoding to the plain body', async () => {
    const plain = await send(BIG, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plain.body.toString()) as {
      data: { npsResponses: { nodes: unknown[] } };
    };
    expect(json.data.npsResponses.nodes).toHaveLength(200);
    expect(plain.body.length).toBeGreaterThan(COMPRESSION_MIN_BYTES);
    const gzip = await send(BIG, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
    const br = await send(BIG, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
  });

  it('leaves answers under 1 KB plain', async () => {
    const res = await send(SMALL, { 'accept-encoding': 'gzip, br' });
    expect(res.body.length).toBeLessThan(COMPRESSION_MIN_BYTES);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString()).data.vendors).toHaveLength(4);
  });

  it('honours q=0 and identity', async () => {
    const none = await send(BIG, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(none.headers['content-encoding']).toBeUndefined();
    const gzipOnly = await send(BIG, { 'accept-encoding': 'br;q=0, *' });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
  });

  it('compresses an incremental (@stream) answer part by part, each part decodable on arrival', async () => {
    const query = `{ npsResponses(first: 60) { nodes @stream(initialCount: 5) { id score comment source answeredAt } } }`;
    const plainParts = await send({ query }, { accept: 'multipart/mixed' });
    expect(plainParts.headers['content-type']).toMatch(/^multipart\/mixed/);
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'multipart/mixed',
            'accept-encoding': 'gzip',
          },
        },
        (res) => {
          expect(res.headers['content-encoding']).toBe('gzip');
          // Decoding as bytes arrive: a flush after each part makes each one readable at once.
          const gunzip = createGunzip();
          res.pipe(gunzip);
          gunzip.on('data', (chunk: Buffer) => received.push(chunk.toString()));
          gunzip.on('end', resolve);
          gunzip.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ query }));
    });
    const decoded = received.join('');
    // Several decoded chunks: the parts were not held back until the end.
    expect(received.length).toBeGreaterThan(1);
    const parts = (s: string) => s.split(/\r\n---/).filter((p) => p.includes('{'));
    // (How many items each part holds depends on timing, so only the items are compared.)
    expect(parts(decoded).length).toBeGreaterThan(1);
    // The same items arrive (ids in order).
    const ids = (s: string) => [...s.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]);
    expect(ids(decoded)).toHaveLength(60);
    expect(ids(decoded)).toEqual(ids(plainParts.body.toString()));
  });

  it('streams Brotli too', async () => {
    const query = `{ npsResponses(first: 30) { nodes @stream(initialCount: 1) { id } } }`;
    const res = await send({ query }, { accept: 'multipart/mixed', 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    const text = brotliDecompressSync(res.body).toString();
    expect([...text.matchAll(/"id":"/g)]).toHaveLength(30);
  });
});

describe('compression of server-sent events', () => {
  it('compresses a text/event-stream answer, each event decodable', async () => {
    const query = `{ npsResponses(first: 20) { nodes @stream(initialCount: 1) { id } } }`;
    const res = await send({ query }, { accept: 'text/event-stream', 'accept-encoding': 'gzip' });
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers['content-encoding']).toBe('gzip');
    const text = gunzipSync(res.body).toString();
    expect(text.match(/^event: next$/gm)?.length).toBeGreaterThan(1);
    expect([...text.matchAll(/\\?"id\\?":/g)]).toHaveLength(20);
  });
});

describe('chooseEncoding', () => {
  it('picks Brotli, then gzip, never a q=0 one, for any header', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.constantFrom('br', 'gzip', 'deflate', 'identity', '*', 'zstd'),
            q: fc.option(fc.constantFrom('0', '0.5', '1', '0.001'), { nil: undefined }),
          }),
          { maxLength: 5 },
        ),
        (entries) => {
          const header = entries
            .map((e) => (e.q === undefined ? e.name : `${e.name};q=${e.q}`))
            .join(', ');
          const chosen = chooseEncoding(header);
          const weight = (name: string) => {
            const own = entries.filter((e) => e.name === name);
            const star = entries.filter((e) => e.name === '*');
            const pick = own.at(-1) ?? star.at(-1);
            return pick === undefined ? 0 : Number(pick.q ?? 1);
          };
          if (chosen === undefined) return weight('br') === 0 && weight('gzip') === 0;
          if (weight(chosen) === 0) return false;
          const other = chosen === 'br' ? 'gzip' : 'br';
          return chosen === 'br' ? weight('br') >= weight(other) : weight('gzip') > weight('br');
        },
      ),
    );
  });
});

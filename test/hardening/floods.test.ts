import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadSlots } from '../../src/http/uploads.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { listen } from '../support/raw-http.js';

// Bodies are bounded in time and memory: a flood of large uploads or of slow bodies, on loopback
// against a real server, neither grows the process nor holds its sockets past the deadline.

const READ_KEY = 'flood-read-5b0c2e9d14a7f3';
const WRITE_KEY = 'flood-write-8e1f7a2c6b9d04';
const MB = 1024 * 1024;
const DEADLINE_MS = 2000;
const BOUNDARY = '----floodZq7Xk2';

let gw: TestGateway;
let http: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  gw = await startTestGateway({
    env: {
      GATEWAY_API_KEYS: `reader:${READ_KEY}:read; writer:${WRITE_KEY}:read,write`,
      REQUEST_DEADLINE_MS: String(DEADLINE_MS),
    },
  });
  http = await listen(gw);
});
afterAll(async () => {
  await http.close();
  await gw.close();
});

const UPLOAD = 'mutation($file: Upload!) { uploadFeedbackMedia(file: $file) { url } }';

/**
 * A multipart upload of `size` bytes of video, written in 64 KiB chunks from one buffer (the client
 * holds no copy of the file), stopping as soon as the server answers.
 */
function streamUpload(port: number, key: string, size: number): Promise<{ status: number }> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
      `${JSON.stringify({ query: UPLOAD, variables: { file: null } })}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.file"]}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 7);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/graphql',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': head.length + size + tail.length,
        'graphql-require-preflight': '1',
      },
    });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
      req.destroy();
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    let sent = 0;
    const pump = () => {
      while (!answered && sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end(tail);
    };
    req.write(head);
    pump();
  });
}

/** The largest RSS seen while `work` runs, sampled every 20 ms. */
async function peakRss(work: () => Promise<unknown>): Promise<{ before: number; peak: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { before, peak: Math.max(peak, process.memoryUsage().rss) };
}

describe('a flood of large uploads', () => {
  it('refuses 6 parallel 60 MB uploads with a read key before reading them: RSS grows < 50 MB', async () => {
    gw.sandbox.log.clear();
    const { before, peak } = await peakRss(async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => streamUpload(http.port, READ_KEY, 60 * MB)),
      );
      expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    });
    expect(peak - before).toBeLessThan(50 * MB);
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('refuses 6 parallel 60 MB uploads with a write key on their declared size (413): RSS grows < 50 MB', async () => {
    const { before, peak } = await peakRss(async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => streamUpload(http.port, WRITE_KEY, 60 * MB)),
      );
      expect(results.map((r) => r.status)).toEqual([413, 413, 413, 413, 413, 413]);
    });
    expect(peak - before).toBeLessThan(50 * MB);
  });
});

describe('upload slots (GRAPHQL_MAX_CONCURRENT_UPLOADS)', () => {
  it('lets `max` holders in, queues the rest in order, and gives up a wait at its deadline', async () => {
    const slots = uploadSlots(2);
    const a = await slots.acquire(1000);
    const b = await slots.acquire(1000);
    expect(a && b).toBeTruthy();
    expect(slots.inUse()).toBe(2);
    const order: string[] = [];
    const c = slots.acquire(1000).then((r) => (order.push('c'), r));
    const d = slots.acquire(1000).then((r) => (order.push('d'), r));
    const late = await slots.acquire(30);
    expect(late).toBeUndefined();
    a!();
    a!(); // a second release of the same slot frees nothing more
    const gotC = await c;
    expect(gotC).toBeDefined();
    expect(slots.waiting()).toBe(1);
    b!();
    expect(await d).toBeDefined();
    expect(order).toEqual(['c', 'd']);
    expect(slots.inUse()).toBe(2);
  });

  it('frees a waiter whose client went away', async () => {
    const slots = uploadSlots(1);
    const held = await slots.acquire(1000);
    const abort = new AbortController();
    const waiting = slots.acquire(10_000, abort.signal);
    abort.abort();
    expect(await waiting).toBeUndefined();
    held!();
    expect(slots.inUse()).toBe(0);
  });
});

describe('slow request bodies', () => {
  it('closes 200 sockets trickling a body byte every 5 s within the deadline plus a few seconds', async () => {
    const sockets: Socket[] = [];
    const closedAt: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      const socket = connect(http.port, '127.0.0.1');
      // Reading, so the server's 408 and close are seen.
      socket.resume();
      socket.on('error', () => undefined);
      socket.on('close', () => closedAt.push(Date.now() - started));
      socket.write(
        'POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n' +
          `authorization: Bearer ${READ_KEY}\r\ncontent-length: 1000\r\n\r\n{`,
      );
      sockets.push(socket);
    }
    const trickle = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write(' ');
    }, 5000);
    try {
      const limit = DEADLINE_MS + 4000;
      while (closedAt.length < sockets.length && Date.now() - started < limit + 2000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      clearInterval(trickle);
      for (const s of sockets) s.destroy();
    }
    expect(closedAt).toHaveLength(200);
    expect(Math.max(...closedAt)).toBeLessThan(DEADLINE_MS + 4000);
    // Not before the deadline: a slow client is given all of it.
    expect(Math.min(...closedAt)).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
  });

  it('closes a socket whose headers never finish', async () => {
    const socket = connect(http.port, '127.0.0.1');
    socket.resume();
    const started = Date.now();
    const closed = new Promise<number>((resolve) =>
      socket.on('close', () => resolve(Date.now() - started)),
    );
    socket.on('error', () => undefined);
    socket.write('POST /graphql HTTP/1.1\r\nhost: x\r\n');
    expect(await closed).toBeLessThan(DEADLINE_MS + 4000);
  });
});

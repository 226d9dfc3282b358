import type { Plugin } from 'graphql-yoga';
import { isMultipart } from './content-type.js';
import { errorResponse } from './responses.js';

/**
 * Slots for multipart bodies being read. Yoga's multipart parser holds each file in memory until
 * its resolver has streamed it on, so memory grows with the uploads read at once; a request
 * without a slot waits with its body unread (the socket's own buffers apply back-pressure) until
 * one frees or its wait runs out.
 */
export function uploadSlots(max: number) {
  let free = max;
  const waiting: { grant: () => void }[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next.grant();
    else free += 1;
  };
  /** A release function once a slot is held; undefined when `waitMs` passed or `signal` aborted. */
  const acquire = (waitMs: number, signal?: AbortSignal): Promise<(() => void) | undefined> => {
    const once = () => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        release();
      };
    };
    if (free > 0) {
      free -= 1;
      return Promise.resolve(once());
    }
    return new Promise((resolve) => {
      const entry = {
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', give);
          resolve(once());
        },
      };
      const give = () => {
        clearTimeout(timer);
        const at = waiting.indexOf(entry);
        if (at !== -1) waiting.splice(at, 1);
        resolve(undefined);
      };
      const timer = setTimeout(give, waitMs);
      signal?.addEventListener('abort', give, { once: true });
      waiting.push(entry);
    });
  };
  return { acquire, inUse: () => max - free, waiting: () => waiting.length };
}

/**
 * At most `max` multipart requests have their bodies read at once (GRAPHQL_MAX_CONCURRENT_UPLOADS).
 * Runs after authentication and CSRF prevention, so a refused upload never takes a slot; the slot
 * is given back once the response is sent or the client goes away.
 */
export function useUploadSlots(options: { max: number; waitMs: number }): Plugin {
  const slots = uploadSlots(options.max);
  const held = new WeakMap<Request, () => void>();
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || !isMultipart(request)) return;
      const release = await slots.acquire(options.waitMs, request.signal);
      if (!release) {
        endResponse(
          errorResponse(
            fetchAPI,
            503,
            `The gateway is already receiving ${options.max} uploads (GRAPHQL_MAX_CONCURRENT_UPLOADS): retry shortly.`,
            'UPLOADS_BUSY',
            { 'retry-after': '5' },
          ),
        );
        return;
      }
      held.set(request, release);
      request.signal?.addEventListener('abort', release, { once: true });
    },
    onResponse({ request }) {
      held.get(request)?.();
      held.delete(request);
    },
  };
}

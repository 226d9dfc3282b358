// The replica's connections to Redis (ioredis): one for commands, one subscribed to the
// replicas' channel. Commands fail fast while Redis is away (no offline queue, a short command
// timeout), so a call never waits on Redis; ioredis keeps reconnecting, and the link says when
// sharing is back.
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import {
  BUDGET_SCRIPT,
  CACHE_GET_SCRIPT,
  CACHE_PEEK_SCRIPT,
  CACHE_SET_SCRIPT,
  CACHE_UNLOCK_SCRIPT,
  DOCUMENT_GET_SCRIPT,
  DOCUMENT_SET_SCRIPT,
  PROBE_CLAIM_SCRIPT,
  PROBE_RELEASE_SCRIPT,
} from './scripts.js';
import { keepStringMethodsFast } from './string-prototype.js';

// Loading ioredis leaves every string method of the process slow (see string-prototype.ts).
keepStringMethodsFast();

/**
 * A command that takes longer than this fails: its call goes on locally. Only several in a row
 * (or a lost connection) drop sharing, so a busy moment does not send every replica to its
 * fallback share at once.
 */
export const COMMAND_TIMEOUT_MS = 500;
const TIMEOUTS_BEFORE_DOWN = 3;

export interface ScriptedRedis extends Redis {
  budget(
    key: string,
    ...args: (string | number)[]
  ): Promise<[number, number, number, number, number]>;
  cacheGetBuffer(
    generationKey: string,
    ...args: (string | number)[]
  ): Promise<[Buffer, number, Buffer | null, number]>;
  cachePeekBuffer(
    generationKey: string,
    ...args: (string | number)[]
  ): Promise<[number, Buffer | null, number]>;
  cacheSet(
    generationKey: string,
    indexKey: string,
    ...args: (string | number | Buffer)[]
  ): Promise<number>;
  cacheUnlock(...args: (string | number)[]): Promise<number>;
  probeClaim(lockKey: string, token: string, holdMs: number): Promise<number>;
  probeRelease(lockKey: string, token: string): Promise<number>;
  documentGet(key: string, indexKey: string, now: number, ttlMs: number): Promise<string | null>;
  documentSet(key: string, indexKey: string, ...args: (string | number)[]): Promise<number>;
}

export class RedisLink {
  readonly client: ScriptedRedis;
  readonly subscriber: Redis;
  /** Commands (or pipelines) sent since start. */
  roundTrips = 0;
  lastError: string | null = 'connecting to Redis';
  private isUp = false;
  private closed = false;
  private timeouts = 0;
  private warned = false;
  private recheck: NodeJS.Timeout | undefined;
  private readonly upListeners: (() => void)[] = [];
  private readonly messageListeners: ((channel: string, message: string) => void)[] = [];
  private readonly bufferListeners = new Map<string, (message: Buffer) => void>();

  constructor(
    url: string,
    readonly prefix: string,
    channels: string[],
    private readonly logger: Logger,
  ) {
    // No ioredis commandTimeout: `run` times commands itself (see withinTimeout).
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      // Reconnect forever, backing off to one attempt every 2 s.
      retryStrategy: (times: number) => Math.min(100 * times, 2000),
      lazyConnect: false,
    };
    this.client = new Redis(url, options) as ScriptedRedis;
    this.client.defineCommand('budget', { numberOfKeys: 1, lua: BUDGET_SCRIPT });
    this.client.defineCommand('cacheGet', { numberOfKeys: 1, lua: CACHE_GET_SCRIPT });
    this.client.defineCommand('cachePeek', { numberOfKeys: 1, lua: CACHE_PEEK_SCRIPT });
    this.client.defineCommand('cacheSet', { numberOfKeys: 2, lua: CACHE_SET_SCRIPT });
    this.client.defineCommand('cacheUnlock', { numberOfKeys: 0, lua: CACHE_UNLOCK_SCRIPT });
    this.client.defineCommand('probeClaim', { numberOfKeys: 1, lua: PROBE_CLAIM_SCRIPT });
    this.client.defineCommand('probeRelease', { numberOfKeys: 1, lua: PROBE_RELEASE_SCRIPT });
    this.client.defineCommand('documentGet', { numberOfKeys: 2, lua: DOCUMENT_GET_SCRIPT });
    this.client.defineCommand('documentSet', { numberOfKeys: 2, lua: DOCUMENT_SET_SCRIPT });
    // The subscriber may queue its SUBSCRIBE until connected: it carries no call's latency.
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
    this.client.on('ready', () => this.up());
    this.client.on('error', (error: Error) => this.down(error));
    this.client.on('close', () => this.down(new Error('connection to Redis closed')));
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.messageListeners) listener(channel, message);
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.bufferListeners.get(channel.toString())?.(message);
    });
    void this.subscriber.subscribe(...channels).catch(() => undefined);
  }

  get connected(): boolean {
    return this.isUp;
  }

  onUp(listener: () => void): void {
    this.upListeners.push(listener);
  }

  onMessage(listener: (channel: string, message: string) => void): void {
    this.messageListeners.push(listener);
  }

  /** A channel whose messages are bytes (a cached copy), not text: its own listener. */
  onBuffer(channel: string, listener: (message: Buffer) => void): void {
    this.bufferListeners.set(channel, listener);
  }

  /** Runs one command (or pipeline) against Redis, counted; a failure marks the link down. */
  async run<T>(command: (redis: ScriptedRedis) => Promise<T>): Promise<T> {
    if (!this.isUp) throw new Error(this.lastError ?? 'Redis is not connected');
    this.roundTrips += 1;
    try {
      const result = await withinTimeout(command(this.client), COMMAND_TIMEOUT_MS);
      this.timeouts = 0;
      return result;
    } catch (error) {
      // A script error is ours, not Redis being away: report it without dropping sharing.
      if (error instanceof Error && /ERR .*script|user_script/i.test(error.message)) throw error;
      const timedOut = error instanceof Error && /timed out/i.test(error.message);
      if (!timedOut || ++this.timeouts >= TIMEOUTS_BEFORE_DOWN) this.down(error as Error);
      throw error;
    }
  }

  /** Fire and forget: what it tells Redis is an optimisation, a failure only marks the link. */
  send(command: (redis: ScriptedRedis) => Promise<unknown>): void {
    this.run(command).catch(() => undefined);
  }

  /**
   * A command can fail (a timeout) while the connection stays up, and then no 'ready' event
   * comes: a PING every second tells when Redis answers again.
   */
  private recheckSoon(): void {
    if (this.recheck || this.closed) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      if (this.isUp || this.closed) return;
      if (this.client.status !== 'ready') return this.recheckSoon();
      withinTimeout(this.client.ping(), COMMAND_TIMEOUT_MS).then(
        () => this.up(),
        () => this.recheckSoon(),
      );
    }, 1000);
    this.recheck.unref?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.recheck) clearTimeout(this.recheck);
    this.isUp = false;
    this.client.disconnect();
    this.subscriber.disconnect();
  }

  private up(): void {
    if (this.isUp) return;
    this.isUp = true;
    this.timeouts = 0;
    this.warned = false;
    const outage = this.lastError;
    this.lastError = null;
    this.logger.info('shared state: Redis connected, replicas share budgets and caches', {
      after: outage,
    });
    for (const listener of this.upListeners) listener();
  }

  private down(error: Error): void {
    if (this.closed) return;
    const message = `Redis unavailable: ${error.message}`.slice(0, 200);
    this.recheckSoon();
    const wasUp = this.isUp;
    this.isUp = false;
    this.lastError = message;
    // Once per outage (a gateway that starts without Redis says so too), not once per attempt.
    if (!wasUp && this.warned) return;
    this.warned = true;
    this.logger.warn(
      'shared state: Redis unavailable, each replica falls back to its share of the budgets (REPLICAS) and its own caches until it is back',
      { error: message },
    );
  }
}

/**
 * The command's answer, or a "Command timed out" error once `ms` have passed without one. When
 * the timer fires, the answer may already be waiting in the socket: this process was busy (a long
 * GC, a burst of requests, a starved CPU) and timers run before the event loop reads sockets. A
 * timeout then would be this replica's stall taken for a slow Redis, and a budget token Redis did
 * grant would be spent on no call. So the verdict waits for the loop's next check phase, after
 * its poll phase has read whatever arrived.
 */
export function withinTimeout<T>(pending: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      done();
    };
    const timer = setTimeout(() => {
      setImmediate(() => settle(() => reject(new Error('Command timed out'))));
    }, ms);
    pending.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) =>
        settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}

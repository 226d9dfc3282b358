// The merged feed's cursor: each stream's position and the key of its next item, by stream name,
// and how a cursor meets a stream set that changed because a source failed or came back.
import { vendorMaxOf } from './bounds.js';
import { type CursorBody, cursorRefusal, decodeCursor, readPosition } from './cursor-codec.js';
import type { Position } from './position.js';
import type { ListAdapter } from './types.js';

export interface MergeStream<T> {
  /**
   * Stable, as cursors record each stream by it. A name ending in `:` is a group's placeholder
   * (e.g. `userloop:` when the UserLoop streams could not be discovered): see decodeStates.
   */
  name: string;
  adapter: ListAdapter<T>;
}

export interface LaneStart {
  position: Position;
  done: boolean;
  hint: number | null | undefined;
}

const STATE_KEYS = new Set(['i', 'c', 's', 'd', 'h']);

/** `userloop:abc` → `userloop:`; null for a name outside any group. */
export function groupOf(name: string): string | null {
  const at = name.indexOf(':');
  return at < 0 ? null : name.slice(0, at + 1);
}

export interface DecodedStates {
  states: Map<string, LaneStart>;
  /**
   * Lanes of a group the current streams stand in for with its placeholder (the group failed to
   * be discovered): carried into the next cursors unchanged, so the group resumes where it stood.
   */
  carried: Record<string, CursorBody>;
}

/**
 * Each stream's state in the cursor. The stream set must be the cursor's, except for groups:
 * a placeholder `g:` in the cursor (the group was missing when it was issued) lets the group's
 * streams start from their newest item; a placeholder among the streams (the group is missing
 * now) carries the cursor's `g:…` lanes unchanged. Any other difference is a stale cursor.
 */
export function decodeStates(
  raw: string,
  streams: readonly MergeStream<unknown>[],
  ctx: { argument: 'after'; field: string; fp: string },
): DecodedStates {
  const malformed = () => cursorRefusal(ctx)('malformed');
  const stale = () => cursorRefusal(ctx)('stale');
  const body = decodeCursor(raw, { ...ctx, fingerprint: ctx.fp, kind: 'm' });
  const { m, ...rest } = body;
  if (Object.keys(rest).length > 0 || typeof m !== 'object' || m === null || Array.isArray(m)) {
    throw malformed();
  }
  const record = m as Record<string, unknown>;
  const names = new Set(streams.map((s) => s.name));
  const states = new Map<string, LaneStart>();
  const carried: Record<string, CursorBody> = {};
  const read = (name: string, adapter: ListAdapter<unknown>, state: unknown): LaneStart => {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) throw malformed();
    const fields = state as Record<string, unknown>;
    const position = readPosition(fields, adapter.kind === 'cursor', vendorMaxOf(adapter));
    const { d, h } = fields;
    const validHint =
      h === undefined || h === null || (typeof h === 'number' && Number.isFinite(h));
    const validKeys = Object.keys(fields).every((k) => STATE_KEYS.has(k));
    if (position === null || !validKeys || (d !== undefined && d !== 1) || !validHint) {
      throw malformed();
    }
    return { position, done: d === 1, hint: h as number | null | undefined };
  };
  for (const { name, adapter } of streams) {
    if (name in record) {
      states.set(name, read(name, adapter, record[name]));
      continue;
    }
    const group = groupOf(name);
    if (name.endsWith(':')) {
      // The group is missing now: its lanes in the cursor wait, unchanged, for it to come back.
      const lanes = Object.keys(record).filter((key) => key !== name && groupOf(key) === name);
      if (lanes.length === 0) throw stale();
      for (const lane of lanes) {
        read(lane, adapter, record[lane]);
        carried[lane] = record[lane] as CursorBody;
      }
    } else if (group === null || !(group in record)) {
      // The feed's vendor lists changed since the cursor was issued (e.g. a survey was added).
      throw stale();
    }
    // Else the group was missing when the cursor was issued: the stream starts at its newest.
  }
  for (const key of Object.keys(record)) {
    if (names.has(key) || key in carried) continue;
    const placeholderFor = key.endsWith(':') && streams.some((s) => groupOf(s.name) === key);
    if (!placeholderFor) throw stale();
  }
  return { states, carried };
}

// The shapes of cached exports on the wire. Most are plain JSON; Planhat's read holds an index
// (a Map) over records that are also its slots, so it travels as its slots and the positions of
// the in-range records, and is rebuilt with the very same record objects in both places.
import type { NpsRecord } from '../domain/nps.js';
import type { PlanhatNpsRead } from '../domain/nps-exports.js';
import { index } from '../loaders/export-index.js';
import type { Codec } from './types.js';

interface PlanhatWire {
  head: number;
  slots: (NpsRecord | null)[];
  ended: boolean;
  /** Positions in `slots` of the in-range records, in order. */
  inRange: number[];
}

export const planhatReadCodec: Codec<PlanhatNpsRead> = {
  encode(read) {
    const at = new Map<NpsRecord, number>();
    read.slots.forEach((slot, i) => {
      if (slot) at.set(slot, i);
    });
    const inRange = read.inRange.records.map((record) => {
      const position = at.get(record);
      if (position === undefined) throw new Error('an in-range record is not among the slots');
      return position;
    });
    const wire: PlanhatWire = { head: read.head, slots: read.slots, ended: read.ended, inRange };
    return wire;
  },
  decode(data) {
    const wire = data as PlanhatWire;
    const records = wire.inRange.map((i) => wire.slots[i] as NpsRecord);
    return {
      head: wire.head,
      slots: wire.slots,
      ended: wire.ended,
      inRange: index(records, (r) => r.email),
    };
  },
};

// A protobuf writer for OtlpSpanEncoder: one growing buffer kept between batches, each message
// given one byte for its length and moved up when the length needs more, so a batch is written
// in one pass. The encodings are the official ProtobufWriter's (otlp-transformer), byte for byte.
import type { HrTime } from '@opentelemetry/api';

const NANOS_PER_SECOND = 1_000_000_000;
const FIRST_SIZE = 64 * 1024;
/** A buffer grown past this for one large batch is not kept for the next (512 spans ≈ 240 KB). */
const MAX_KEPT = 4 * 1024 * 1024;

/** Same digits as the official hexToBinary, including what it makes of a character not hex. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return code - 55;
}

function varintSize(v: number): number {
  if (v < 0x80) return 1;
  if (v < 0x4000) return 2;
  if (v < 0x200000) return 3;
  if (v < 0x10000000) return 4;
  return 5;
}

export class ProtoWriter {
  private buf = new Uint8Array(FIRST_SIZE);
  private view = new DataView(this.buf.buffer);
  private pos = 0;
  private readonly utf8 = new TextEncoder();

  /** Starts a new body in the same buffer. */
  reset(): void {
    this.pos = 0;
  }

  /** A copy of the body: the buffer is written over by the next one, the copy may be resent. */
  finish(): Uint8Array {
    const body = this.buf.slice(0, this.pos);
    if (this.buf.length > MAX_KEPT) {
      this.buf = new Uint8Array(FIRST_SIZE);
      this.view = new DataView(this.buf.buffer);
    }
    return body;
  }

  double(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  bytes(value: Uint8Array): void {
    this.varint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** HrTime as fixed64 nanoseconds, split so that no product leaves the safe integers. */
  time(time: HrTime): void {
    const [seconds, nanos] = time;
    const fromLow = (seconds & 0xffff) * NANOS_PER_SECOND;
    const fromHigh = ((seconds / 0x10000) >>> 0) * NANOS_PER_SECOND;
    const low = (fromLow >>> 0) + (((fromHigh & 0xffff) * 0x10000) >>> 0) + nanos;
    const carry = Math.floor(low / 0x100000000);
    const high = (Math.floor(fromLow / 0x100000000) + ((fromHigh / 0x10000) >>> 0) + carry) >>> 0;
    this.fixed32(low >>> 0);
    this.fixed32(high);
  }

  fixed32(value: number): void {
    this.ensure(4);
    const { buf } = this;
    let p = this.pos;
    buf[p++] = value & 0xff;
    buf[p++] = (value >>> 8) & 0xff;
    buf[p++] = (value >>> 16) & 0xff;
    buf[p++] = (value >>> 24) & 0xff;
    this.pos = p;
  }

  hexField(fieldTag: number, hex: string): void {
    const n = hex.length >> 1;
    this.ensure(n + 6);
    this.byte(fieldTag);
    this.varint(n);
    const { buf } = this;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      buf[p++] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
    }
    this.pos = p;
  }

  stringField(fieldTag: number, text: string): void {
    const n = text.length;
    this.ensure(n + 6);
    this.byte(fieldTag);
    const lengthAt = this.pos;
    this.varint(n);
    // Written as ASCII while it is; the first other character starts over with its UTF-8.
    const { buf } = this;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) return this.utf8String(lengthAt, text);
      buf[p++] = code;
    }
    this.pos = p;
  }

  private utf8String(lengthAt: number, text: string): void {
    const bytes = this.utf8.encode(text);
    this.pos = lengthAt;
    this.varint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }

  /** A varint as the official writer makes it: 64-bit two's complement for a negative number. */
  varint(value: number): void {
    this.ensure(10);
    const { buf } = this;
    let p = this.pos;
    if (value >= 0 && value <= 0xffffffff) {
      let v = value >>> 0;
      while (v > 0x7f) {
        buf[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[p++] = v;
    } else {
      let low: number;
      let high: number;
      const abs = Math.abs(value);
      low = abs >>> 0;
      high = (abs / 0x100000000) >>> 0;
      if (value < 0) {
        low = ~low >>> 0;
        high = ~high >>> 0;
        low = (low + 1) >>> 0;
        if (low === 0) high = (high + 1) >>> 0;
      }
      while (high > 0 || low > 0x7f) {
        buf[p++] = (low & 0x7f) | 0x80;
        low = ((low >>> 7) | (high << 25)) >>> 0;
        high >>>= 7;
      }
      buf[p++] = low & 0x7f;
    }
    this.pos = p;
  }

  /** One byte left for a message's length; `end` writes it. */
  begin(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** The message's length before it, moving the message up when the length takes more bytes. */
  end(at: number): void {
    const length = this.pos - at - 1;
    const size = varintSize(length);
    if (size > 1) {
      this.ensure(size - 1);
      this.buf.copyWithin(at + size, at + 1, this.pos);
      this.pos += size - 1;
    }
    const { buf } = this;
    let v = length;
    let p = at;
    while (v > 0x7f) {
      buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[p] = v;
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
}

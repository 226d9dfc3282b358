// How a cached value is stored in Redis: JSON, deflated when that pays (exports of thousands of
// records shrink about ten times; a short list would only grow and cost CPU).
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/** Below this, compression saves too little to pay for itself. */
const COMPRESS_FROM_BYTES = 2048;

const JSON_TAG = 0x6a; // 'j'
const DEFLATE_TAG = 0x7a; // 'z'

export async function pack(data: unknown): Promise<Buffer> {
  const json = Buffer.from(JSON.stringify(data));
  if (json.length >= COMPRESS_FROM_BYTES) {
    const packed = await deflate(json, { level: 1 });
    if (packed.length < json.length * 0.9) return Buffer.concat([Buffer.of(DEFLATE_TAG), packed]);
  }
  return Buffer.concat([Buffer.of(JSON_TAG), json]);
}

export async function unpack(buffer: Buffer): Promise<unknown> {
  const body = buffer.subarray(1);
  if (buffer[0] === DEFLATE_TAG) return JSON.parse((await inflate(body)).toString());
  if (buffer[0] === JSON_TAG) return JSON.parse(body.toString());
  throw new Error('unknown shared cache encoding');
}

import { seededRandom } from '../random.js';

/**
 * Mixes a base seed with labels and numbers into an independent 32-bit seed. Lazily generated
 * data (a day of tag interactions, a day of task sessions) is drawn from its own derived stream,
 * so any slice can be produced on demand and always comes out the same.
 */
export function deriveSeed(base: number, ...parts: readonly (string | number)[]): number {
  let h = (base ^ 0x9e3779b9) >>> 0;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

export function derivedRandom(base: number, ...parts: readonly (string | number)[]): () => number {
  return seededRandom(deriveSeed(base, ...parts));
}

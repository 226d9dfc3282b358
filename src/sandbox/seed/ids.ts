// Id generators for large seeded volumes: a couple of random draws per id instead of one per
// character, which keeps startup at scale 100 within a few seconds.

/** `digits` random decimal digits (at most 16), the first one non-zero. */
export function randomDigits(random: () => number, digits: number): string {
  const high = Math.min(digits, 8);
  let out = String(10 ** (high - 1) + Math.floor(random() * 9 * 10 ** (high - 1)));
  if (digits > 8)
    out += String(Math.floor(random() * 10 ** (digits - 8))).padStart(digits - 8, '0');
  return out;
}

/** 16 random hex characters. */
export function randomHex16(random: () => number): string {
  const word = () =>
    Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return word() + word();
}

/** A MongoDB ObjectId for a moment: 4 bytes of seconds, then 8 random bytes. */
export function objectId(ms: number, random: () => number): string {
  return (
    Math.floor(ms / 1000)
      .toString(16)
      .padStart(8, '0') + randomHex16(random)
  );
}

/** Bubble.io style ids, as UserLoop's docs show: `1710884429805x361876466030084100`. */
export function bubbleId(ms: number, random: () => number): string {
  return `${Math.floor(ms)}x${randomDigits(random, 16)}00`;
}

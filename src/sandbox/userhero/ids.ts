// Id formats follow the docs' examples: prefixed short ids for most resources, Firestore-style
// 20-character ids for automations, `<prefix>_<unix ms>_<6 chars>` for comments and attachments,
// UUIDs for notes.

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(random: () => number, length: number, alphabet = ALPHANUMERIC): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

export const lowerChars = (random: () => number, length: number) =>
  randomChars(random, length, LOWER_ALPHANUMERIC);

export const newId = (random: () => number, prefix: string, length = 16) =>
  `${prefix}_${randomChars(random, length)}`;

export const firestoreId = (random: () => number) => randomChars(random, 20);

export const timedId = (random: () => number, prefix: string, at: Date) =>
  `${prefix}_${at.getTime()}_${lowerChars(random, 6)}`;

export function uuid(random: () => number): string {
  const hex = randomChars(random, 32, '0123456789abcdef');
  const variant = '89ab'[Math.floor(random() * 4)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

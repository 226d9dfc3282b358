/** Skewed like a healthy B2B base: roughly 45% promoters, 30% passives, 25% detractors. */
export function npsScore(random: () => number): number {
  const roll = random();
  if (roll < 0.45) return random() < 0.55 ? 9 : 10;
  if (roll < 0.75) return random() < 0.5 ? 7 : 8;
  return Math.floor(random() * 7);
}

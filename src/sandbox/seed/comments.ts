// Feedback texts by sentiment, shared by the simulators so that comment mining sees themes recur
// across vendors.

// biome-ignore format: word lists read best packed
export const POSITIVE_COMMENTS = [
  'Very nice experience',
  'Love the new dashboard',
  'Support answered within minutes',
  'Great product, easy to roll out to the team',
  'The reporting saves me hours every week',
  'Onboarding was smooth',
  'Exactly what we needed',
  'Fast and reliable',
  'The integrations just work',
  'Best tool we bought this year',
] as const;

// biome-ignore format: word lists read best packed
export const NEUTRAL_COMMENTS = [
  "It's ok",
  'Does the job, but the UI feels dated',
  'Good, but pricing is steep',
  'Would like more export options',
  'Fine for basic use',
  'Mobile app could be better',
  'Some settings are hard to find',
  'Works, though search is slow at times',
] as const;

// biome-ignore format: word lists read best packed
export const NEGATIVE_COMMENTS = [
  'Page was sometimes slow',
  'Please translate it to Spanish',
  'Too many clicks to do simple things',
  'Billing is confusing',
  'Sync failed twice this week',
  'Support took days to reply',
  'Missing the features we were promised',
  'The new layout, honestly, is worse than the old one',
  'Export to "CSV" breaks on large reports',
] as const;

/** A comment in keeping with a 0..1 sentiment. */
export function commentFor(random: () => number, sentiment: number): string {
  const pool =
    sentiment >= 0.75 ? POSITIVE_COMMENTS : sentiment >= 0.5 ? NEUTRAL_COMMENTS : NEGATIVE_COMMENTS;
  return pool[Math.floor(random() * pool.length)] ?? pool[0];
}

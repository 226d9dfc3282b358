import { isoDate } from '../dates.js';
import { intBetween } from '../random.js';

export interface HeartDay {
  date: string;
  users: number;
  sessions: number;
  happiness: number;
  engagement: number;
  adoption: number;
  retention: number;
  taskSuccess: number;
  heart: number;
}

export const HEART_DAYS = 730;

/**
 * Daily scores for the last two years, oldest first. Each letter score drifts as a bounded random
 * walk (HEART is smoothed over 90 days by the vendor, so day-to-day moves are small); users and
 * sessions follow the week's rhythm.
 */
export function generateHeart(
  random: () => number,
  today: number,
  activeUsers: number,
): HeartDay[] {
  const levels = [46, 66, 59, 71, 13].map((level) => level + intBetween(random, -5, 5));
  const days: HeartDay[] = [];
  for (let day = today - HEART_DAYS + 1; day <= today; day++) {
    for (let i = 0; i < levels.length; i++) {
      levels[i] = Math.min(98, Math.max(2, levels[i]! + (random() - 0.5) * 1.2));
    }
    const [happiness, engagement, adoption, retention, taskSuccess] = levels.map(Math.round) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const weekday = new Date(day * 86_400_000).getUTCDay();
    const rhythm = weekday === 0 || weekday === 6 ? 0.35 : 1;
    const users = Math.max(1, Math.round(activeUsers * rhythm * (0.75 + random() * 0.25)));
    days.push({
      date: isoDate(day),
      users,
      sessions: Math.round(users * (6 + random() * 6)),
      happiness,
      engagement,
      adoption,
      retention,
      taskSuccess,
      heart: Math.round((happiness + engagement + adoption + retention + taskSuccess) / 5),
    });
  }
  return days;
}

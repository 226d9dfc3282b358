import { isoDate } from '../dates.js';
import { dayCache } from '../day-cache.js';
import { derivedRandom } from '../seed/derive.js';
import type { UserlaneTag } from './catalog.js';
import { pickActive, type UserlaneUser, userRef } from './users.js';

export interface TagInteraction {
  date: string;
  tagId: string;
  user: { id: string; applicationUserId: string };
  countInteractions: number;
}

export const TAG_HISTORY_DAYS = 365;
/** Rows per day across all tags at scale 1: about 20,000 a year. */
const ROWS_PER_DAY = 55;

/**
 * A year of per-user, per-tag daily interaction counts, generated a day at a time. Only the row
 * count of each (day, tag) is drawn up front (a small table), so a page can skip whole days
 * without building them; a day's rows come from their own seeded stream.
 */
export class TagInteractions {
  readonly firstDay: number;
  private readonly counts: Uint32Array;
  private readonly rowsOf: (day: number) => TagInteraction[];

  constructor(
    private readonly seed: number,
    private readonly tags: readonly UserlaneTag[],
    private readonly order: readonly UserlaneUser[],
    readonly today: number,
    scale: number,
  ) {
    this.firstDay = today - TAG_HISTORY_DAYS + 1;
    this.counts = new Uint32Array(TAG_HISTORY_DAYS * tags.length);
    const random = derivedRandom(seed, 'tag-counts');
    const totalWeight = tags.reduce((sum, tag) => sum + tag.weight, 0);
    const cap = Math.floor(order.length / 2);
    for (let day = this.firstDay; day <= today; day++) {
      const weekday = new Date(day * 86_400_000).getUTCDay();
      const rhythm = weekday === 0 || weekday === 6 ? 0.3 : 1.2;
      tags.forEach((tag, t) => {
        const mean = (ROWS_PER_DAY * scale * rhythm * tag.weight) / totalWeight;
        const count = day < tag.createdDay ? 0 : Math.round(mean * (0.5 + random()));
        this.counts[(day - this.firstDay) * tags.length + t] = Math.min(cap, count);
      });
    }
    this.rowsOf = dayCache((day) => this.generateDay(day));
  }

  /** Rows of one day, ordered by tag id then user id. */
  rows(day: number): TagInteraction[] {
    return this.rowsOf(day);
  }

  count(day: number): number {
    if (day < this.firstDay || day > this.today) return 0;
    let sum = 0;
    const base = (day - this.firstDay) * this.tags.length;
    for (let t = 0; t < this.tags.length; t++) sum += this.counts[base + t]!;
    return sum;
  }

  /** Items `offset .. offset+limit-1` of the days `fromDay..toDay`, ascending. */
  page(fromDay: number, toDay: number, offset: number, limit: number): TagInteraction[] {
    const out: TagInteraction[] = [];
    let skip = offset;
    for (let day = Math.max(fromDay, this.firstDay); day <= Math.min(toDay, this.today); day++) {
      if (out.length >= limit) break;
      const count = this.count(day);
      if (skip >= count) {
        skip -= count;
        continue;
      }
      out.push(...this.rows(day).slice(skip, skip + limit - out.length));
      skip = 0;
    }
    return out;
  }

  private generateDay(day: number): TagInteraction[] {
    if (day < this.firstDay || day > this.today) return [];
    const date = isoDate(day);
    const rows: TagInteraction[] = [];
    this.tags.forEach((tag, t) => {
      const count = this.counts[(day - this.firstDay) * this.tags.length + t]!;
      if (count === 0) return;
      const random = derivedRandom(this.seed, 'tag-day', day, t);
      const users = new Map<string, UserlaneUser>();
      while (users.size < count) {
        const user = pickActive(random, this.order);
        users.set(user.id, user);
      }
      const ids = [...users.keys()].sort();
      for (const id of ids) {
        rows.push({
          date,
          tagId: tag.tagId,
          user: userRef(users.get(id)!),
          // Mostly one or two clicks, with a long tail of heavy users.
          countInteractions: 1 + Math.min(60, Math.floor(-Math.log(1 - random()) * 2.5)),
        });
      }
    });
    return rows;
  }
}

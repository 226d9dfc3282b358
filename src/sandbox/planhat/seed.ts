import { DAY_MS } from '../dates.js';
import { intBetween, pick } from '../random.js';
import { commentFor } from '../seed/comments.js';
import { objectId } from '../seed/ids.js';
import { npsScore } from '../seed/nps.js';
import { vendorSpelling } from '../seed/people.js';
import type { VendorContext } from '../types.js';
import type { NpsRecord } from './records.js';

export interface PlanhatCampaign {
  id: string;
  name: string;
}

export interface PlanhatSeed {
  records: NpsRecord[];
  campaigns: PlanhatCampaign[];
  /** Enduser id by lower-cased email: Planhat autogenerates one per contact. */
  endusers: Map<string, string>;
}

const HISTORY_DAYS = 730;
const CAMPAIGN_NAMES = ['Quarterly relationship NPS', 'Post-onboarding NPS', 'Renewal pulse'];

/**
 * ~2,000 records per unit of scale over the last two years, so that the default 360-day window
 * hides about half of them. Insertion order is random in time, like a real collection filled by
 * campaigns and imports at once.
 */
export function generatePlanhatSeed(ctx: VendorContext): PlanhatSeed {
  const { random, people } = ctx;
  const now = ctx.now.getTime();
  const campaigns = CAMPAIGN_NAMES.map((name) => ({
    id: objectId(now - intBetween(random, 400, 900) * DAY_MS, random),
    name,
  }));
  const endusers = new Map<string, string>();
  for (const person of people) {
    endusers.set(person.email, objectId(now - intBetween(random, 700, 1500) * DAY_MS, random));
  }
  const count = Math.max(1, Math.round(2000 * ctx.scale));
  const records: NpsRecord[] = [];
  for (let i = 0; i < count; i++) {
    const person = pick(random, people);
    const answeredAt = now - Math.floor(random() * HISTORY_DAYS * DAY_MS);
    const score = npsScore(random);
    const kind = random();
    const fromCampaign = kind < 0.75;
    const imported = !fromCampaign && kind < 0.9;
    const npsId = fromCampaign ? objectId(answeredAt, random) : null;
    const dateSent = imported ? null : answeredAt - intBetween(random, 1, 20) * DAY_MS;
    const commentRoll = random();
    records.push({
      _id: objectId(answeredAt, random),
      npsId,
      email: vendorSpelling(random, person.email),
      npsDate: answeredAt,
      nps: score,
      npsComment:
        commentRoll < 0.3 ? null : commentRoll < 0.4 ? '' : commentFor(random, score / 10),
      npsSent: null,
      cId: person.company.id,
      euId: endusers.get(person.email) ?? null,
      campaignId: fromCampaign ? pick(random, campaigns).id : null,
      dateSent,
      dateReminderSent:
        dateSent !== null && random() < 0.3 ? Math.min(answeredAt, dateSent + 3 * DAY_MS) : null,
      source: fromCampaign ? 'Planhat' : imported ? 'custom-nps.com' : null,
      sourceId: npsId ?? (imported ? `cnps-${100_000 + i}` : ''),
      custom:
        random() < 0.15 ? { touchpoint: pick(random, ['onboarding', 'renewal', 'qbr']) } : null,
    });
  }
  return { records, campaigns, endusers };
}

import { createPlanhatSim, type PlanhatSim } from './planhat/app.js';
import { seededRandom } from './random.js';
import { derivedRandom, deriveSeed } from './seed/derive.js';
import { generatePopulation } from './seed/people.js';
import { generateSecrets, type SandboxSecrets } from './seed/secrets.js';
import type {
  Company,
  Person,
  SandboxReadings,
  SandboxVendor,
  VendorApp,
  VendorContext,
} from './types.js';
import { createUserHeroApp, type UserHeroData } from './userhero/index.js';
import { createUserlaneSim, type UserlaneSim } from './userlane/app.js';
import { createUserLoopSim, type UserLoopSim } from './userloop/app.js';

/** Everything the sandbox serves, live: tests compute expected answers from it. */
export interface SeedData {
  seed: number;
  scale: number;
  now: Date;
  people: readonly Person[];
  companies: readonly Company[];
  userlane: UserlaneSim;
  userloop: UserLoopSim;
  userhero: { data: UserHeroData; workspaceId: string };
  planhat: PlanhatSim;
}

export interface World {
  seed: SeedData;
  secrets: SandboxSecrets;
  apps: Record<SandboxVendor, VendorApp>;
}

/**
 * One population shared by the four vendors (the same people, joined by email), and each
 * vendor's dataset drawn from its own stream so that changing one simulator's generator does
 * not reshuffle the others.
 */
export function buildWorld(options: {
  seed: number;
  scale: number;
  now: Date;
  userheroRateLimitPerMinute: number;
  readings?: SandboxReadings;
}): World {
  const { seed, scale, now } = options;
  const { people, companies } = generatePopulation(derivedRandom(seed, 'population'), scale);
  const context = (vendor: SandboxVendor): VendorContext => ({
    now,
    readings: options.readings ?? {},
    random: seededRandom(deriveSeed(seed, vendor)),
    scale,
    people,
    companies,
  });
  const secrets = generateSecrets(seed);
  const userlane = createUserlaneSim(context('userlane'), {
    token: secrets.userlaneToken,
    propertyId: secrets.userlanePropertyId,
  });
  const userloop = createUserLoopSim(context('userloop'), { apiKey: secrets.userloopApiKey });
  const userhero = createUserHeroApp(context('userhero'), {
    apiKey: secrets.userheroApiKey,
    rateLimitPerMinute: options.userheroRateLimitPerMinute,
  });
  const planhat = createPlanhatSim(context('planhat'), { token: secrets.planhatToken });
  return {
    seed: {
      seed,
      scale,
      now,
      people,
      companies,
      userlane,
      userloop,
      userhero: { data: userhero.data, workspaceId: userhero.workspaceId },
      planhat,
    },
    secrets,
    apps: { userlane: userlane.app, userloop: userloop.app, userhero, planhat: planhat.app },
  };
}

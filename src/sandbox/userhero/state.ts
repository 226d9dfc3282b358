import type { SandboxRequest } from '../types.js';
import type { UserHeroData } from './model.js';
import type { Json } from './validate.js';

/** The account behind the API keys: it authors agent comments, notes and macro runs. */
export interface ApiUser {
  id: string;
  name: string;
  email: string;
}

export interface AppState {
  data: UserHeroData;
  random: () => number;
  /** Sandbox time: ctx.now plus the real time elapsed since the app started. */
  now(): Date;
  user: ApiUser;
  /** SandboxReadings.userheroExactEmail. */
  exactEmail?: boolean;
}

/** One matched request, as a handler sees it. */
export interface Call {
  req: SandboxRequest;
  /** The single `{id}` path segment of the route, decoded; '' on routes without one. */
  id: string;
  query: URLSearchParams;
  /** The JSON body, parsed on first use. */
  body(): Json;
  state: AppState;
}

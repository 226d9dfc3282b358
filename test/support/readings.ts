import type { SandboxReadings } from '../../src/sandbox/index.js';

/**
 * Both readings of the vendors' docs where they can be read two ways (SandboxReadings): suites
 * that must hold under either run once per entry (`describe.each(READINGS)`).
 */
export const READINGS: { name: string; readings: SandboxReadings }[] = [
  { name: 'as the parameter tables read', readings: {} },
  {
    name: 'as the prose reads (1,000-row Userlane pages, question_id ignored, exact-case email)',
    readings: { userlanePageCap: 1000, userloopIgnoresQuestionId: true, userheroExactEmail: true },
  },
];

import { hexId, intBetween, pick } from '../random.js';
import type { Company, Person } from '../types.js';
import {
  COMPANY_KINDS,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  DEPARTMENTS,
  FIRST_NAMES,
  LAST_NAMES,
  NAME_SUFFIXES,
  REGIONS,
  ROLES,
} from './names.js';

export interface Population {
  people: Person[];
  companies: Company[];
}

/**
 * People and companies grow with the square root of `scale`: list volumes multiply by `scale`,
 * so at scale 100 each person carries ten times the records, like a real tenant whose history
 * grows faster than its head count.
 */
export function populationSize(scale: number): { people: number; companies: number } {
  const factor = Math.sqrt(scale);
  return {
    people: Math.max(20, Math.round(600 * factor)),
    companies: Math.max(4, Math.round(60 * factor)),
  };
}

export function generatePopulation(random: () => number, scale: number): Population {
  const size = populationSize(scale);
  const companies = generateCompanies(random, size.companies);
  const domains = new Map(companies.map((company) => [company.id, domainOf(company.name)]));
  const userlaneIds = uniqueNumbers(random, size.people, 10_000, 99_999);
  const applicationIds = uniqueNumbers(random, size.people, 100_000, 999_999);
  const emails = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; i < size.people; i++) {
    // A few large customers hold most of the people, as in a real book of business.
    const company = companies[Math.floor(random() ** 1.6 * companies.length)] ?? companies[0]!;
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const suffix = random() < 0.03 ? `, ${pick(random, NAME_SUFFIXES)}` : '';
    const email = uniqueEmail(emails, `${slug(first)}.${slug(last)}`, domains.get(company.id)!);
    people.push({
      email,
      name: `${first} ${last}${suffix}`,
      company,
      role: pick(random, ROLES),
      region: pick(random, REGIONS),
      department: pick(random, DEPARTMENTS),
      userlaneUserId: String(userlaneIds[i]),
      applicationUserId: String(applicationIds[i]),
    });
  }
  return { people, companies };
}

function generateCompanies(random: () => number, count: number): Company[] {
  const combinations = COMPANY_WORDS.length * COMPANY_KINDS.length;
  const names = new Set<string>();
  const companies: Company[] = [];
  while (companies.length < count) {
    let base = `${pick(random, COMPANY_WORDS)} ${pick(random, COMPANY_KINDS)}`;
    if (names.has(base)) {
      // Past most combinations, retrying would take ever longer: number the branch instead.
      if (names.size < combinations * 0.7) continue;
      for (let n = 2; names.has(base); n++) base = `${base.replace(/ \d+$/, '')} ${n}`;
    }
    names.add(base);
    companies.push({ id: hexId(random), name: `${base}${pick(random, COMPANY_SUFFIXES)}` });
  }
  return companies;
}

/** `Jane.Doe@Acme.com` for `jane.doe@acme.com`: how people type their address into forms. */
export function capitalisedEmail(email: string): string {
  return email.replace(/(^|[.@])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** The email as a vendor stores it: usually canonical, sometimes with the person's own casing. */
export function vendorSpelling(random: () => number, email: string, rate = 0.1): string {
  if (random() >= rate) return email;
  return random() < 0.8 ? capitalisedEmail(email) : email.toUpperCase();
}

function domainOf(companyName: string): string {
  const words = companyName
    .replace(/,?\s*(Inc\.|GmbH|Ltd|LLC|AG|SAS)$/, '')
    .split(/\s+/)
    .map(slug);
  return `${words.join('')}.com`;
}

function slug(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function uniqueEmail(taken: Set<string>, local: string, domain: string): string {
  let email = `${local}@${domain}`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
  taken.add(email);
  return email;
}

function uniqueNumbers(random: () => number, count: number, min: number, max: number): number[] {
  const taken = new Set<number>();
  const out: number[] = [];
  while (out.length < count) {
    const value = intBetween(random, min, max);
    if (taken.has(value)) continue;
    taken.add(value);
    out.push(value);
  }
  return out;
}

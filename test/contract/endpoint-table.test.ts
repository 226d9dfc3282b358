import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { PlanhatClient } from '../../src/vendors/planhat/client.js';
import { UserHeroClient } from '../../src/vendors/userhero/client.js';
import { UserlaneClient } from '../../src/vendors/userlane/client.js';
import { UserLoopClient } from '../../src/vendors/userloop/client.js';
import { ENDPOINTS, renderTable } from './endpoints.js';

// Every documented endpoint has a client method, and every client method a path from the schema
// (or the readiness route): the README's table says which, and this test holds it to the code.

const CLIENTS = {
  Userlane: UserlaneClient,
  UserLoop: UserLoopClient,
  UserHero: UserHeroClient,
  Planhat: PlanhatClient,
} as const;

function methodsOf(cls: { prototype: object }): string[] {
  return Object.getOwnPropertyNames(cls.prototype).filter((name) => name !== 'constructor');
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Where the gateway calls client methods: everything but the clients and the simulators. */
const CALLERS = sources('src')
  .filter((p) => !p.startsWith(join('src', 'sandbox')) && !p.startsWith(join('src', 'bench')))
  .filter((p) => !/src[\\/]vendors[\\/][a-z]+[\\/](client|map|wire|guards)/.test(p))
  .map((p) => readFileSync(p, 'utf8'));

describe('the documented endpoint table', () => {
  it('lists every client method exactly once, with the vendor it belongs to', () => {
    for (const [vendor, cls] of Object.entries(CLIENTS)) {
      const listed = ENDPOINTS.filter((e) => e.vendor === vendor).flatMap((e) => e.methods);
      expect(methodsOf(cls).length).toBeGreaterThan(0);
      expect([...listed].sort()).toEqual(methodsOf(cls).sort());
    }
  });

  it('reaches every method from the schema: its fields exist and the gateway calls it', () => {
    const types = schema.getTypeMap();
    for (const { endpoint, methods, fields } of ENDPOINTS) {
      expect(fields.length, endpoint).toBeGreaterThan(0);
      for (const coordinate of fields) {
        if (/^(GET|POST) \//.test(coordinate)) {
          expect(coordinate, endpoint).toBe('GET /readyz');
          continue;
        }
        const [type, field] = coordinate.split('.');
        const named = types[type ?? ''];
        expect(named && isObjectType(named), `${endpoint}: ${coordinate}`).toBe(true);
        if (named && isObjectType(named)) {
          expect(named.getFields()[field ?? ''], `${endpoint}: ${coordinate}`).toBeDefined();
        }
      }
      for (const method of methods) {
        const called = CALLERS.some((text) => text.includes(`.${method}(`));
        expect(called, `${endpoint}: nothing outside the client calls ${method}`).toBe(true);
      }
    }
  });

  it('is the README table, 57 of 57 documented endpoints reachable', () => {
    expect(ENDPOINTS).toHaveLength(57);
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(renderTable());
    expect(readme).toContain(`${ENDPOINTS.length}/57`);
  });
});

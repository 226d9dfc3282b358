import { type GraphQLField, getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { declaredCost, type FieldCost } from '../../src/cost/declare.js';
import { STRUCTURAL } from '../../src/cost/rules.js';
import { schema } from '../../src/schema/index.js';

// Cost is declared on each field where it is defined (src/cost/declare.ts). A field that takes
// the request context can reach a vendor; without a declaration the analysis would price it by
// its shape alone, and a new field would cost nothing silently.

type Field = GraphQLField<unknown, unknown>;
const KEYS = new Set<keyof FieldCost>([
  'free',
  'calls',
  'vendor',
  'lookup',
  'representations',
  'itemRead',
  'shared',
  'byArguments',
  'listSize',
]);

/** The resolver as written in the schema code (Pothos keeps the options it was given). */
function resolverOf(field: Field): ((...args: unknown[]) => unknown) | undefined {
  const options = field.extensions?.pothosOptions as { resolve?: (...a: unknown[]) => unknown };
  return options?.resolve;
}

const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);

function fieldsOfSchema(): { coordinate: string; field: Field; root: boolean }[] {
  const out: { coordinate: string; field: Field; root: boolean }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      out.push({ coordinate: `${type.name}.${field.name}`, field, root: roots.has(type.name) });
    }
  }
  return out;
}

/** Whether resolving the field can reach a vendor: it is a root field or takes the context. */
function canCallVendor(coordinate: string, field: Field, root: boolean): boolean {
  if (root) return true;
  if (field.extensions?.pothosExposedField !== undefined) return false;
  const parent = coordinate.split('.')[0]!;
  // Connections and edges hold what their field's own read fetched.
  if (/(Connection|Edge)$/.test(parent) && STRUCTURAL.has(field.name)) return false;
  // Global ids are encoded from the item itself.
  if (field.name === 'id' && getNamedType(field.type).name === 'ID') return false;
  const resolve = resolverOf(field);
  return resolve !== undefined && resolve.length >= 3;
}

describe('every field that can call a vendor declares its cost', () => {
  const fields = fieldsOfSchema();

  it('finds the fields to check', () => {
    const vendorFields = fields.filter((f) => canCallVendor(f.coordinate, f.field, f.root));
    expect(fields.length).toBeGreaterThan(500);
    expect(vendorFields.length).toBeGreaterThan(100);
  });

  it('leaves no root field and no field taking the context without a declared cost', () => {
    const missing = fields
      .filter((f) => canCallVendor(f.coordinate, f.field, f.root))
      .filter((f) => declaredCost(f.field.extensions) === undefined)
      .map((f) => f.coordinate);
    expect(missing).toEqual([]);
  });

  it('declares costs only with the known rules, and well-formed', () => {
    const declared = fields
      .map((f) => ({ coordinate: f.coordinate, cost: declaredCost(f.field.extensions) }))
      .filter((f): f is { coordinate: string; cost: FieldCost } => f.cost !== undefined);
    expect(declared.length).toBeGreaterThan(100);
    const problems = declared.flatMap(({ coordinate, cost }) => {
      const out: string[] = [];
      for (const key of Object.keys(cost)) {
        if (!KEYS.has(key as keyof FieldCost)) out.push(`${coordinate}: unknown rule ${key}`);
      }
      if (cost.calls !== undefined && !(Number.isInteger(cost.calls) && cost.calls > 0)) {
        out.push(`${coordinate}: calls must be a positive integer`);
      }
      const beside = Object.keys(cost).filter((k) => k !== 'free' && k !== 'listSize');
      if (cost.free !== undefined && (cost.free.trim() === '' || beside.length > 0)) {
        out.push(`${coordinate}: free says why, and declares no calls`);
      }
      if (cost.listSize !== undefined && !(cost.listSize > 0)) {
        out.push(`${coordinate}: listSize must be positive`);
      }
      return out;
    });
    expect(problems).toEqual([]);
  });
});

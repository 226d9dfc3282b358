import fc from 'fast-check';
import type { DocumentNode, GraphQLField, GraphQLNamedType, GraphQLSchema } from 'graphql';
import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { isConnectionType } from '../../src/cost/rules.js';
import { args, fieldArguments, pagingArguments, type Pools } from './cost-arguments.js';

// Read-only documents drawn from the schema itself, for the cost bound's property test: random
// selections of every object type down to MAX_DEPTH entity levels (a connection's nodes, edges and
// pageInfo add none), arguments filled from what the sandbox holds, `__typename`, inline fragments
// and named fragments now and then, and any entity type behind node/nodes. Built from fast-check
// arbitraries throughout, so a failing document shrinks field by field.

type Sel =
  | { kind: 'field'; name: string; args: string; sub: Sel[] | null }
  | { kind: 'typename' }
  | { kind: 'inline'; on: string; sub: Sel[] }
  | { kind: 'spread'; on: string; sub: Sel[] };

/** Entity levels below the root; structural levels of connections are free. */
const MAX_DEPTH = 4;
const PAGING = new Set(['first', 'last', 'after', 'before']);
const STRUCTURAL = new Set(['edges', 'nodes', 'node', 'pageInfo']);

export function documents(schema: GraphQLSchema, pools: Pools): fc.Arbitrary<string> {
  const special = fieldArguments(pools);
  const paging = pagingArguments;

  const argsFor = (field: GraphQLField<unknown, unknown>, coordinate: string, depth: number) => {
    const known = special(coordinate, depth);
    if (known) return known;
    if (field.args.some((a) => isNonNullType(a.type))) return undefined;
    return field.args.some((a) => PAGING.has(a.name))
      ? args(paging(depth, coordinate))
      : fc.constant('');
  };

  const memo = new Map<string, fc.Arbitrary<Sel[]>>();
  const selection = (type: GraphQLNamedType, depth: number): fc.Arbitrary<Sel[]> => {
    const key = `${type.name}:${depth}`;
    let found = memo.get(key);
    if (!found) {
      found = isAbstractType(type) ? abstract(type, depth) : concrete(type, depth);
      memo.set(key, found);
    }
    return found;
  };

  const concrete = (type: GraphQLNamedType, depth: number): fc.Arbitrary<Sel[]> => {
    if (!isObjectType(type)) return fc.constant([{ kind: 'typename' }]);
    const connection =
      isConnectionType(type) || ('cursor' in type.getFields() && 'node' in type.getFields());
    const choices: fc.Arbitrary<Sel | null>[] = [];
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const named = getNamedType(field.type);
      const free = connection && STRUCTURAL.has(field.name);
      const below = free ? depth : depth + 1;
      if (!isLeafType(named) && below > MAX_DEPTH) continue;
      const given = argsFor(field, coordinate, depth);
      if (!given) continue;
      const sub = isLeafType(named) ? fc.constant(null) : selection(named, below);
      const arb = fc
        .tuple(given, sub)
        .map(([a, s]): Sel => ({ kind: 'field', name: field.name, args: a, sub: s }));
      choices.push(arb as fc.Arbitrary<Sel | null>);
    }
    // About three fields of each object (a connection: one or two of its parts).
    const skip = Math.max(1, Math.round(choices.length / (connection ? 1.5 : 3)) - 1);
    const picked = fc
      .tuple(
        fc.boolean(),
        ...choices.map((c) =>
          fc.oneof({ weight: skip, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: c }),
        ),
      )
      .map(([typename, ...sels]) => {
        const out = sels.filter((s): s is Sel => s !== null);
        if (typename && out.length % 4 === 0) out.push({ kind: 'typename' });
        return out.length ? out : [{ kind: 'typename' } as Sel];
      });
    return fc.oneof(
      { weight: 8, arbitrary: picked },
      {
        weight: 1,
        arbitrary: picked.map((sub): Sel[] => [{ kind: 'inline', on: type.name, sub }]),
      },
      {
        weight: 1,
        arbitrary: picked.map((sub): Sel[] => [{ kind: 'spread', on: type.name, sub }]),
      },
    );
  };

  // Node: its id, and any of the types behind it through inline fragments; `_Entity` (a union):
  // `__typename` in place of the id.
  const abstract = (type: GraphQLNamedType, depth: number): fc.Arbitrary<Sel[]> => {
    if (!isAbstractType(type)) return fc.constant([]);
    const possible = schema.getPossibleTypes(type);
    return fc
      .tuple(
        fc.boolean(),
        ...possible.map((t) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(null) },
            {
              weight: 1,
              arbitrary: concrete(t, depth).map((sub): Sel => ({
                kind: 'inline',
                on: t.name,
                sub,
              })),
            },
          ),
        ),
      )
      .map(([withId, ...parts]) => {
        const out: Sel[] = parts.filter((p): p is Sel => p !== null);
        if ((withId || out.length === 0) && isInterfaceType(type))
          out.unshift({ kind: 'field', name: 'id', args: '', sub: null });
        else if (withId || out.length === 0) out.unshift({ kind: 'typename' });
        return out;
      });
  };

  const root = schema.getQueryType()!;
  const roots = Object.values(root.getFields()).flatMap((field) => {
    const given = argsFor(field, `Query.${field.name}`, 0);
    if (!given) return [];
    const named = getNamedType(field.type);
    const sub = isLeafType(named) ? fc.constant(null) : selection(named, 1);
    return [
      fc
        .tuple(given, sub)
        .map(([a, s]): Sel => ({ kind: 'field', name: field.name, args: a, sub: s })),
    ];
  });
  return fc.array(fc.oneof(...roots), { minLength: 1, maxLength: 3 }).map(render);
}

/** The document's text: every root field aliased (the same field may come twice). */
export function render(fields: Sel[]): string {
  const fragments: string[] = [];
  const set = (sels: Sel[]): string => `{ ${sels.map(one).join(' ')} }`;
  const one = (sel: Sel): string => {
    if (sel.kind === 'typename') return '__typename';
    if (sel.kind === 'inline') return `... on ${sel.on} ${set(sel.sub)}`;
    if (sel.kind === 'spread') {
      const name = `F${fragments.length}`;
      fragments.push('');
      fragments[Number(name.slice(1))] = `fragment ${name} on ${sel.on} ${set(sel.sub)}`;
      return `...${name}`;
    }
    return `${sel.name}${sel.args}${sel.sub ? ` ${set(sel.sub)}` : ''}`;
  };
  const body = fields.map((f, i) => `r${i}: ${one(f)}`).join(' ');
  return [`{ ${body} }`, ...fragments].join('\n');
}

/** Root fields and the coordinates (`Type.field`) a document selects, for the test's coverage. */
export function reached(schema: GraphQLSchema, document: DocumentNode): string[] {
  const info = new TypeInfo(schema);
  const out: string[] = [];
  visit(
    document,
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        if (parent && !node.name.value.startsWith('__'))
          out.push(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return out;
}

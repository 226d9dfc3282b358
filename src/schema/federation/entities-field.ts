import type { GraphQLSchema } from 'graphql';
import { cost } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import { ENTITY_TYPES, loadEntity } from './entities.js';
import { isRefused, readRepresentations } from './representations.js';

// The two fields a Federation v2 subgraph adds to Query. Defined here rather than by the plugin's
// `toSubGraphSchema`, which sorts the whole schema (the printed schema and generated clients
// would be reordered) and answers a whole `_entities` list with an error when one representation
// names an unknown type; here each entry fails alone, and a malformed list is refused before
// anything is loaded (representations.ts).

builder.scalarType('_Any', {
  description: 'An entity representation: `__typename` and the fields of one of its `@key`s.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

const Entity = builder.unionType('_Entity', {
  description: 'Every type other subgraphs can reference by key.',
  types: [...ENTITY_TYPES] as never,
});

const Service = builder.objectRef<{ sdl: string }>('_Service').implement({
  description: "This subgraph's schema as a router composes it.",
  fields: (t) => ({
    sdl: t.exposeString('sdl', { nullable: true, description: 'With federation directives.' }),
  }),
});

builder.queryField('_entities', (t) =>
  t.field({
    extensions: cost({ representations: true }),
    type: [Entity],
    nullable: { list: false, items: true },
    description:
      'The entities a router asks for by key, in order: one batched load per type for all of ' +
      'them; null, with an error, for a key that names nothing.',
    args: { representations: t.arg({ type: ['_Any'], required: true }) },
    resolve: (_root, { representations }, ctx, info) =>
      // Read whole first: a malformed entry throws before any entry is loaded.
      readRepresentations(info.schema, representations).map((reference) =>
        isRefused(reference) ? Promise.reject(reference.error) : loadEntity(ctx, info, reference),
      ) as never,
  }),
);

const sdls = new WeakMap<GraphQLSchema, Promise<string>>();

builder.queryField('_service', (t) =>
  t.field({
    extensions: cost({ free: 'the schema itself' }),
    type: Service,
    nullable: false,
    resolve: async (_root, _args, _ctx, info) => {
      let sdl = sdls.get(info.schema);
      if (!sdl) {
        // Loaded on first use: Apollo's printer (federation-internals) is large and only a
        // router's composition asks for it.
        sdl = import('@apollo/subgraph').then(({ printSubgraphSchema }) =>
          printSubgraphSchema(info.schema),
        );
        sdls.set(info.schema, sdl);
      }
      return { sdl: await sdl };
    },
  }),
);

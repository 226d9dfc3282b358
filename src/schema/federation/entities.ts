import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { GraphQLError } from 'graphql';
import { brandWithType, getTypeBrand } from '@pothos/core';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import { Customer } from '../customers/customer.js';
import { NpsResponse } from '../nps/nps.js';
import { SurveyQuestion } from '../surveys/questions.js';
import { SurveyResponse } from '../surveys/responses.js';
import { Survey } from '../surveys/surveys.js';
import { Automation, AutomationRun } from '../userhero/automations.js';
import { UserHeroCustomer } from '../userhero/customers.js';
import { Feedback } from '../userhero/feedback.js';
import { Project, Webhook, Widget } from '../userhero/projects.js';
import { Workspace } from '../userhero/workspaces.js';
import { HeartScore } from '../userlane/heart.js';
import { Tag } from '../userlane/tags.js';
import { Task } from '../userlane/tasks.js';
import { type EntityReference, readRepresentations } from './representations.js';

// Every Node type is an entity by its global id, and a person also by email: other subgraphs
// reference and extend them, and a router loads them through `_entities` (entities-field.ts)
// with the very per-request loaders `node(id:)` and nested fields use, so 50 representations
// are batched and deduplicated like 50 items of a list.

/** The types other subgraphs can reference; test/federation/ checks every Node type is here. */
export const ENTITY_TYPES = [
  Customer,
  Feedback,
  NpsResponse,
  Survey,
  SurveyQuestion,
  SurveyResponse,
  Project,
  Widget,
  Webhook,
  Workspace,
  UserHeroCustomer,
  Automation,
  AutomationRun,
  Tag,
  Task,
  HeartScore,
] as const;

const byId = builder.selection<{ id: string }>('id');

for (const ref of ENTITY_TYPES) {
  builder.asEntity(ref as typeof Feedback, {
    // A person is an email across vendors: the key a billing or CRM subgraph already holds.
    key: ref === Customer ? [builder.selection<{ email: string }>('email'), byId] : byId,
    resolveReference: (representation, ctx, info) =>
      resolveRepresentation(representation, ctx, info) as never,
  });
}

/** One representation, as Apollo's stock `_entities` resolver would ask for it. */
function resolveRepresentation(
  representation: object,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  const [reference] = readRepresentations(info.schema, [representation]);
  if (!reference) return Promise.resolve(null);
  return 'error' in reference ? Promise.reject(reference.error) : loadEntity(ctx, info, reference);
}

type LoaderGetter = (ctx: object) => { load(key: string): Promise<unknown> };

/**
 * The entity through its type's per-request loader (the dataloader plugin's, shared with
 * `node(id:)`); an error naming the key when nothing has it.
 */
export async function loadEntity(
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  reference: EntityReference,
): Promise<object> {
  const type = info.schema.getType(reference.typename) as GraphQLObjectType;
  const getDataloader = type.extensions.getDataloader as LoaderGetter | undefined;
  if (!getDataloader) throw new Error(`entity type ${reference.typename} has no loader`);
  const value = await getDataloader(ctx).load(reference.key);
  if (value === null || value === undefined || typeof value !== 'object') {
    throw new GraphQLError(
      `No ${reference.typename} has this key (${reference.key.slice(0, 80)}): it may have been ` +
        'deleted, or never existed in the vendors behind this subgraph',
      { extensions: { code: 'NOT_FOUND', typename: reference.typename } },
    );
  }
  // `_Entity` is a union: the brand tells Pothos the member (loaded shapes carry no typename).
  // Loaded objects are shared with node(id:) in the request, which brands them the same way.
  if (getTypeBrand(value) === null) brandWithType(value, reference.typename as never);
  return value;
}

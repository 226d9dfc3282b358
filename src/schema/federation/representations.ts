import { type GraphQLNamedType, type GraphQLSchema, isObjectType } from 'graphql';
import { isEmail } from '../../domain/email.js';
import { BadUserInputError } from '../../errors.js';
import { decodeGlobalId } from '../../global-id.js';

// What a router sends `_entities`: `{ __typename, ...key fields }` per entity. Read here, before
// anything is loaded, by the resolver (schema/federation/entities-field.ts) and by the cost
// analysis (http/cost.ts), which prices each representation by its type.

/** A representation read: its type and the key its type's per-request loader is keyed by. */
export interface EntityReference {
  typename: string;
  key: string;
}

/** A representation whose type and key fields are right but whose key value names nothing. */
export interface RefusedReference {
  typename: string;
  error: BadUserInputError;
}

export type ReadReference = EntityReference | RefusedReference;

/** The key field sets (`@key(fields:)`) of an entity type, in the order declared; [] if none. */
export function entityKeys(type: GraphQLNamedType | null | undefined): string[] {
  if (!type || !isObjectType(type)) return [];
  const directives = type.extensions.directives as
    { name: string; args?: { fields?: unknown; resolvable?: unknown } }[] | undefined;
  if (!Array.isArray(directives)) return [];
  return directives.flatMap((d) =>
    d.name === 'key' && d.args?.resolvable !== false && typeof d.args?.fields === 'string'
      ? [d.args.fields]
      : [],
  );
}

/**
 * The representations read in order. One that cannot be a representation of this subgraph (not
 * an object, no `__typename` naming one of its entities, no complete key, a key field that is not
 * a non-empty string) refuses the whole list with BAD_USER_INPUT: a router never sends one, so
 * nothing of the request is loaded. A key value that names nothing of the type (an id of another
 * type, an address that is no email) refuses only its own entry.
 */
export function readRepresentations(
  schema: GraphQLSchema,
  representations: readonly unknown[],
): ReadReference[] {
  return representations.map((representation, index) => {
    const where = `representations[${index}]`;
    if (representation === null || typeof representation !== 'object') {
      throw refusal(`${where} must be an object with __typename and the fields of a @key`, index);
    }
    const fields = representation as Record<string, unknown>;
    const typename = fields.__typename;
    const keys = typeof typename === 'string' ? entityKeys(schema.getType(typename)) : [];
    if (typeof typename !== 'string' || keys.length === 0) {
      throw refusal(
        `${where}.__typename ${JSON.stringify(String(typename).slice(0, 40))} is not an entity ` +
          'of this subgraph: see its @key directives in `_service { sdl }`',
        index,
      );
    }
    const field = keys.find((k) => fields[k] !== undefined && fields[k] !== null);
    const value = field === undefined ? undefined : fields[field];
    if (field === undefined || typeof value !== 'string' || value === '') {
      throw refusal(
        `${where} (${typename}) must hold a non-empty string for one of its keys: ` +
          keys.map((k) => `"${k}"`).join(', '),
        index,
      );
    }
    return referenceOf(typename, field, value, where);
  });
}

function referenceOf(typename: string, field: string, value: string, where: string): ReadReference {
  try {
    if (field === 'email') {
      const email = value.trim().toLowerCase();
      if (!isEmail(email)) {
        throw new BadUserInputError(
          `${where}.email must be an email address (got "${value.slice(0, 80)}")`,
          { argument: 'representations' },
        );
      }
      return { typename, key: email };
    }
    const id = decodeGlobalId(value);
    if (id.typename !== typename) {
      throw new BadUserInputError(
        `${where}.id is an id of ${id.typename.slice(0, 40)}, not of ${typename}: pass the id ` +
          `exactly as this subgraph returned it`,
        { argument: 'representations' },
      );
    }
    return { typename, key: id.id };
  } catch (error) {
    if (error instanceof BadUserInputError) return { typename, error };
    throw error;
  }
}

function refusal(message: string, index: number): BadUserInputError {
  return new BadUserInputError(message, { argument: 'representations', index });
}

export function isRefused(reference: ReadReference): reference is RefusedReference {
  return 'error' in reference;
}

import { readFileSync } from 'node:fs';
import {
  type GraphQLField,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

// The sketch's names are a contract clients and acceptance tests rely on: every type, field,
// argument, input field and enum value it names must exist under that name. The fixture is a
// verbatim copy of ../shared/design/schema-sketch.graphql, so the suite runs on a bare clone.

const sketch = parse(
  readFileSync(new URL('../fixtures/schema-sketch.graphql', import.meta.url), 'utf8'),
);

describe('the public schema keeps every name of the schema sketch', () => {
  for (const definition of sketch.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.ENUM_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.SCALAR_TYPE_DEFINITION
    ) {
      continue;
    }
    const name = definition.name.value;
    it(`${name}`, () => {
      const type = schema.getType(name);
      expect(type, `type ${name}`).toBeDefined();
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
        const values = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
        for (const value of definition.values ?? []) expect(values).toContain(value.name.value);
        return;
      }
      if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        const fields = isInputObjectType(type) ? type.getFields() : {};
        for (const field of definition.fields ?? []) {
          expect(fields, `${name}.${field.name.value}`).toHaveProperty(field.name.value);
        }
        return;
      }
      if (definition.kind === Kind.SCALAR_TYPE_DEFINITION) return;
      const fields: Record<string, GraphQLField<unknown, unknown>> = isObjectType(type) ||
      isInterfaceType(type)
        ? type.getFields()
        : {};
      for (const field of definition.fields ?? []) {
        const fieldName = field.name.value;
        const actual = fields[fieldName];
        expect(actual, `${name}.${fieldName}`).toBeDefined();
        const args = actual?.args.map((a) => a.name) ?? [];
        for (const arg of field.arguments ?? []) {
          expect(args, `${name}.${fieldName}(${arg.name.value})`).toContain(arg.name.value);
        }
      }
    });
  }
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * AWS's SAM schema (generated from the SAM translator's own models), copied into test/fixtures so GitHub CI has it too.
 * Each resource type has a `...__Resource` definition whose `Type` is an enum of that one type name.
 */
export const SAM_SCHEMA_PATH = fileURLToPath(new URL('../../fixtures/sam.schema.json', import.meta.url));

interface Definition {
  properties?: { Type?: { enum?: string[] } };
}

export class SamSchema {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly definitions: Record<string, Definition>;

  constructor(path = SAM_SCHEMA_PATH) {
    // Draft-04 is declared but nothing draft-04-only is used; Ajv 8 reads it as is without the marker.
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(path, 'utf8'));
    this.definitions = schema.definitions;
    this.ajv.addSchema(schema, 'sam');
  }

  /** The resource types the schema defines, e.g. AWS::Serverless::Function. */
  resourceTypes(): string[] {
    return Object.values(this.definitions).flatMap((definition) => definition.properties?.Type?.enum ?? []);
  }

  /** A validator for one whole resource (Type, Properties, Metadata, Condition...) of `type`. */
  resourceValidator(type: string): ValidateFunction {
    const name = Object.keys(this.definitions).find((key) =>
      this.definitions[key]?.properties?.Type?.enum?.includes(type),
    );
    if (!name) throw new Error(`the SAM schema defines no ${type}`);
    return this.validator(name);
  }

  /** A validator for the template's Globals section. */
  globalsValidator(): ValidateFunction {
    return this.validator('samtranslator__internal__schema_source__schema__Globals');
  }

  private validator(definition: string): ValidateFunction {
    const validate = this.ajv.getSchema(`sam#/definitions/${definition}`);
    if (!validate) throw new Error(`the SAM schema has no definition ${definition}`);
    return validate;
  }
}

/** Ajv's errors as `path: message` lines. */
export const describeErrors = (validate: ValidateFunction): string[] =>
  (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'}: ${error.message} ${JSON.stringify(error.params)}`,
  );

import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../scripts/template/template.js';
import { connectionsTableDefinition } from '../../src/adapters/dynamodb/connections-table-design.js';
import { TTL_ATTRIBUTE, tableDefinition } from '../../src/adapters/dynamodb/table-design.js';

/** The template declares the tables the code's designs describe; these keep the two from drifting. */
const template = await loadTemplate();
const keyDesign = (definition: { [key: string]: unknown }) => ({
  BillingMode: definition.BillingMode,
  KeySchema: definition.KeySchema,
  AttributeDefinitions: definition.AttributeDefinitions,
  GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
});

describe.each([
  ['Table', tableDefinition],
  ['ConnectionsTable', connectionsTableDefinition],
])('%s', (logicalId, design) => {
  const properties = template.Resources[logicalId]?.Properties ?? {};

  it('has the keys, attributes, indexes and billing of the code’s table design', () => {
    expect(keyDesign(properties)).toEqual(keyDesign({ ...design('any') }));
  });

  it('expires items by the attribute the code writes, encrypted', () => {
    expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(properties.SSESpecification).toEqual({ SSEEnabled: true });
  });
});

it('streams new and old images of the main table to the broadcaster', () => {
  const stream = template.Resources.CommentStreamFunction?.Properties?.Events as Record<
    string,
    { Properties: Record<string, unknown> }
  >;
  expect(template.Resources.Table?.Properties?.StreamSpecification).toEqual({
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  });
  expect(stream.Comments?.Properties.Stream).toEqual({ 'Fn::GetAtt': ['Table', 'StreamArn'] });
});

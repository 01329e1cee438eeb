// What an operation touches, against the committed API schema: fields through the type
// they are selected on, arguments, literal input fields and enum values, fragments across
// the document, and through variables everything their input types may carry.
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repositoryPath } from './paths.js';
import { isSchemaCoordinate, operationCoordinates } from './schema-usage.js';

const schema = buildSchema(readFileSync(repositoryPath('schema/api.graphql'), 'utf8'));
const coordinatesOf = (query: string, operationName?: string) => operationCoordinates(schema, parse(query), operationName)?.coordinates;

describe('operationCoordinates', () => {
  it('lists the types, fields and arguments selected, on the type they are selected through', () => {
    expect(coordinatesOf('query Types { contentTypes(first: 5) { nodes { id name } totalCount } }')).toEqual([
      'ContentType',
      'ContentType.id',
      'ContentType.name',
      'ContentTypeConnection',
      'ContentTypeConnection.nodes',
      'ContentTypeConnection.totalCount',
      'ID',
      'Int',
      'Query',
      'Query.contentTypes',
      'Query.contentTypes(first:)',
      'String',
    ]);
  });

  it('follows fragments, spread and inline, and records their type conditions and an interface field on the interface', () => {
    const coordinates = coordinatesOf('query N($id: ID!) { node(id: $id) { id ... on ContentType { key } ...Item } } fragment Item on Item { id }');
    expect(coordinates).toEqual(expect.arrayContaining(['Query.node', 'Query.node(id:)', 'Node', 'Node.id', 'ContentType', 'ContentType.key', 'Item', 'Item.id', 'ID']));
    expect(coordinates).not.toContain('ContentType.id');
  });

  it('records literal input fields and enum values, and only those', () => {
    const coordinates = coordinatesOf('{ requestLogs(filter: { outcome: RATE_LIMITED, mine: true }) { totalCount } }')!;
    expect(coordinates).toEqual(expect.arrayContaining(['Query.requestLogs(filter:)', 'RequestLogFilter', 'RequestLogFilter.outcome', 'RequestLogFilter.mine', 'RequestOutcome.RATE_LIMITED']));
    expect(coordinates).not.toContain('RequestLogFilter.apiKeyId');
    expect(coordinates).not.toContain('RequestOutcome.OK');
  });

  it('counts everything a variable of an input type may carry as used', () => {
    const coordinates = coordinatesOf('query($f: RequestLogFilter) { requestLogs(filter: $f) { totalCount } }')!;
    expect(coordinates).toEqual(expect.arrayContaining(['RequestLogFilter.apiKeyId', 'RequestLogFilter.mine', 'RequestOutcome.OK', 'RequestOutcome.RATE_LIMITED', 'DateTime']));
  });

  it('picks the named operation, and leaves out __typename, introspection and what the schema does not have', () => {
    const document = 'query A { me { id __typename notAField } } query B { workspaces { totalCount } }';
    expect(coordinatesOf(document, 'A')).toEqual(['ID', 'Query', 'Query.me', 'User', 'User.id']);
    expect(coordinatesOf(document, 'B')).not.toContain('Query.me');
    expect(coordinatesOf(document)).toBeUndefined();
    expect(coordinatesOf(document, 'C')).toBeUndefined();
    expect(coordinatesOf('{ __schema { types { name } } }')).toEqual(['Query']);
  });

  it('ignores @include and @skip arguments and an unknown fragment', () => {
    expect(coordinatesOf('query($s: Boolean!) { me @include(if: $s) { id ...Missing } }')).toEqual(['Boolean', 'ID', 'Query', 'Query.me', 'User', 'User.id']);
  });

  it('produces only well-formed coordinates, as the API and audit accept them', () => {
    for (const coordinate of coordinatesOf('query($f: RequestLogFilter) { requestLogs(filter: $f, first: 3) { nodes { id outcome } } }')!)
      expect(isSchemaCoordinate(coordinate), coordinate).toBe(true);
    for (const bad of ['', 'a.b.c', 'Type.field(arg)', '@include', 'Type .field', 'x'.repeat(301), 42]) expect(isSchemaCoordinate(bad)).toBe(false);
  });
});

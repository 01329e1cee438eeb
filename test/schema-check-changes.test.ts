// Which usage decides a breaking change (scripts/breaking-change-usage.ts), checked on real
// schema pairs through graphql-inspector's diff and the coordinates the gateway records for
// real operations (lib/schema-usage.ts): an operation the change breaks touches one of the
// change's coordinates, so it is reported; one the change leaves working touches none, so
// the change is safe for it.
import { readFileSync } from 'node:fs';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, parse, printSchema, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCoordinates } from '../lib/schema-usage.js';
import { repositoryPath } from '../lib/paths.js';
import { SUPERGRAPH_FILE } from '../lib/subgraph-list.js';
import { apiSchemaOf } from '../scripts/api-schema.js';
import { acceptedKeysOf, operationLabel, parseWindow, usageCoordinatesOf, usageLines, usageVerdict } from '../scripts/breaking-change-usage.js';
import { apiSchemaOfSdl, findBreakingChanges } from '../scripts/schema-pipeline.js';
import type { CoordinateUsage } from '../subgraphs/audit/schema-usage/usage-read.js';

const BEFORE = `
  directive @audited on FIELD
  type Query { a(x: Int, y: String): String  b: B  c: C  k: K  u: U  n: N }
  type Mutation { m(i: I, e: E): Int }
  type B { f: Int  g: Int }
  type C { c: Int }
  type K { x: Int }
  union U = B | C
  interface N { id: ID }
  type D implements N { id: ID }
  input I { p: Int  q: Int }
  enum E { A B }
`;

interface Case {
  readonly name: string;
  /** Replacements turning BEFORE into the schema after the change. */
  readonly edit: readonly [string, string][];
  /** The breaking change's type and usage coordinates (any other breaking change of the pair is left out). */
  readonly type: string;
  readonly coordinates: string[];
  /** Operations the change breaks: each touches a coordinate (so it is reported); `invalid`: the new schema refuses it outright. */
  readonly breaks: readonly { readonly document: string; readonly invalid?: boolean }[];
  /** Operations the change leaves working: they touch none of its coordinates. */
  readonly survives: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'a removed field', edit: [['f: Int  g: Int', 'f: Int']], type: 'FIELD_REMOVED', coordinates: ['B.g'], breaks: [{ document: '{ b { g } }', invalid: true }], survives: ['{ b { f } }'] },
  {
    name: 'a field of another type',
    edit: [['f: Int  g: Int', 'f: String  g: Int']],
    type: 'FIELD_TYPE_CHANGED',
    coordinates: ['B.f'],
    breaks: [{ document: '{ b { f } }' }],
    survives: ['{ b { g } }'],
  },
  {
    name: 'a removed argument',
    edit: [['a(x: Int, y: String)', 'a(x: Int)']],
    type: 'FIELD_ARGUMENT_REMOVED',
    coordinates: ['Query.a(y:)'],
    breaks: [
      { document: '{ a(y: "s") }', invalid: true },
      { document: 'query($y: String) { a(y: $y) }', invalid: true },
    ],
    survives: ['{ a(x: 1) }', '{ a }'],
  },
  {
    name: 'an optional argument of another type',
    edit: [['a(x: Int, y: String)', 'a(x: String, y: String)']],
    type: 'FIELD_ARGUMENT_TYPE_CHANGED',
    coordinates: ['Query.a(x:)'],
    breaks: [{ document: '{ a(x: 1) }', invalid: true }],
    survives: ['{ a }', '{ a(y: "s") }'],
  },
  {
    name: 'an argument made required (callers that left it out break too)',
    edit: [['a(x: Int, y: String)', 'a(x: Int!, y: String)']],
    type: 'FIELD_ARGUMENT_TYPE_CHANGED',
    coordinates: ['Query.a'],
    breaks: [
      { document: '{ a }', invalid: true },
      { document: '{ a(y: "s") }', invalid: true },
    ],
    survives: ['{ b { f } }'],
  },
  {
    name: 'a required argument added',
    edit: [['a(x: Int, y: String)', 'a(x: Int, y: String, z: Int!)']],
    type: 'FIELD_ARGUMENT_ADDED',
    coordinates: ['Query.a'],
    breaks: [{ document: '{ a(x: 1) }', invalid: true }],
    survives: ['{ b { f } }'],
  },
  {
    name: 'a removed input field',
    edit: [['p: Int  q: Int', 'p: Int']],
    type: 'INPUT_FIELD_REMOVED',
    coordinates: ['I.q'],
    // Through a variable, every field the input type may carry counts as used.
    breaks: [{ document: 'mutation { m(i: { q: 1 }) }', invalid: true }, { document: 'mutation($i: I) { m(i: $i) }' }],
    survives: ['mutation { m(i: { p: 1 }) }'],
  },
  {
    name: 'an optional input field of another type',
    edit: [['p: Int  q: Int', 'p: String  q: Int']],
    type: 'INPUT_FIELD_TYPE_CHANGED',
    coordinates: ['I.p'],
    breaks: [{ document: 'mutation { m(i: { p: 1 }) }', invalid: true }],
    survives: ['mutation { m(i: { q: 1 }) }'],
  },
  {
    name: 'an input field made required (values that left it out break too)',
    edit: [['p: Int  q: Int', 'p: Int  q: Int!']],
    type: 'INPUT_FIELD_TYPE_CHANGED',
    coordinates: ['I'],
    breaks: [{ document: 'mutation { m(i: { p: 1 }) }', invalid: true }],
    survives: ['mutation { m(e: A) }'],
  },
  {
    name: 'a required input field added',
    edit: [['p: Int  q: Int', 'p: Int  q: Int  r: Int!']],
    type: 'INPUT_FIELD_ADDED',
    coordinates: ['I'],
    breaks: [{ document: 'mutation { m(i: { p: 1 }) }', invalid: true }, { document: 'mutation($i: I) { m(i: $i) }' }],
    survives: ['mutation { m(e: A) }'],
  },
  {
    name: 'a removed enum value',
    edit: [['enum E { A B }', 'enum E { A }']],
    type: 'ENUM_VALUE_REMOVED',
    coordinates: ['E.B'],
    breaks: [{ document: 'mutation { m(e: B) }', invalid: true }, { document: 'mutation($e: E) { m(e: $e) }' }],
    survives: ['mutation { m(e: A) }'],
  },
  {
    name: 'a removed type',
    edit: [
      ['c: C  k: K', 'k: K'],
      ['union U = B | C', 'union U = B'],
      ['type C { c: Int }', ''],
    ],
    type: 'TYPE_REMOVED',
    coordinates: ['C'],
    breaks: [
      { document: '{ c { c } }', invalid: true },
      { document: '{ u { ... on C { c } } }', invalid: true },
    ],
    survives: ['{ u { ... on B { f } } }'],
  },
  {
    name: 'a type of another kind',
    edit: [['type K { x: Int }', 'interface K { x: Int }  type K1 implements K { x: Int }']],
    type: 'TYPE_KIND_CHANGED',
    coordinates: ['K'],
    breaks: [{ document: '{ k { x } }' }],
    survives: ['{ b { f } }'],
  },
  {
    name: 'a member removed from a union',
    edit: [['union U = B | C', 'union U = B']],
    type: 'UNION_MEMBER_REMOVED',
    coordinates: ['U', 'C'],
    breaks: [{ document: '{ u { ... on C { c } } }', invalid: true }, { document: '{ c { c } }' }],
    survives: ['{ b { f } }'],
  },
  {
    name: 'an interface an object no longer implements',
    edit: [['type D implements N', 'type D']],
    type: 'OBJECT_TYPE_INTERFACE_REMOVED',
    coordinates: ['N'],
    breaks: [{ document: '{ n { ... on D { id } } }', invalid: true }, { document: '{ n { id } }' }],
    survives: ['{ b { f } }'],
  },
  { name: 'a removed directive (usage cannot tell)', edit: [['directive @audited on FIELD', '']], type: 'DIRECTIVE_REMOVED', coordinates: [], breaks: [], survives: [] },
];

function schemaAfter(edits: readonly [string, string][]): string {
  return edits.reduce((sdl, [from, to]) => {
    expect(sdl, `edit ${from}`).toContain(from);
    return sdl.replace(from, to);
  }, BEFORE);
}

describe('the coordinates whose usage decides each breaking change', () => {
  const before = buildSchema(BEFORE);

  it.each(CASES)('$name: $type → $coordinates', async ({ edit, type, coordinates, breaks, survives }) => {
    const after = buildSchema(schemaAfter(edit));
    const breaking = (await diff(before, after)).filter((change) => change.criticality.level === CriticalityLevel.Breaking);
    const change = breaking.find((candidate) => candidate.type === type);
    expect(change, `${type} among ${breaking.map((candidate) => candidate.type).join(', ')}`).toBeDefined();
    expect(usageCoordinatesOf(change!, after)).toEqual(coordinates);

    const touched = (document: string) => {
      const parsed = parse(document);
      expect(validate(before, parsed), `${document} is valid before the change`).toEqual([]);
      return operationCoordinates(before, parsed)!.coordinates;
    };
    for (const { document, invalid } of breaks) {
      expect(
        touched(document).filter((coordinate) => coordinates.includes(coordinate)),
        `${document} touches one of ${coordinates.join(', ')}`,
      ).not.toEqual([]);
      if (invalid) expect(validate(after, parse(document)), `${document} is refused after the change`).not.toEqual([]);
    }
    for (const document of survives) {
      expect(
        touched(document).filter((coordinate) => coordinates.includes(coordinate)),
        `${document} touches none of ${coordinates.join(', ')}`,
      ).toEqual([]);
      expect(validate(after, parse(document)), `${document} still works after the change`).toEqual([]);
    }
  });

  it('keys an argument in the accepted list by its path, or by its RFC coordinate', async () => {
    const after = buildSchema(schemaAfter([['a(x: Int, y: String)', 'a(x: Int)']]));
    const [change] = (await diff(before, after)).filter((candidate) => candidate.type === 'FIELD_ARGUMENT_REMOVED');
    expect(acceptedKeysOf(change)).toEqual(['Query.a.y', 'Query.a(y:)']);
  });
});

const operation = (name: string | null, requests: number, lastSeen: string, clients: { name: string | null; version: string | null; requests: number }[]) => ({
  documentHash: `${name ?? 'anonymous'}`.padEnd(64, '0'),
  name,
  type: 'query',
  requests,
  lastSeen: new Date(lastSeen),
  clients: clients.map((client) => ({ ...client, lastSeen: new Date(lastSeen) })),
});

const usageOf = (coordinate: string, operations: ReturnType<typeof operation>[]): CoordinateUsage => ({
  coordinate,
  requests: operations.reduce((sum, entry) => sum + entry.requests, 0),
  lastSeen: operations.length === 0 ? null : new Date(Math.max(...operations.map((entry) => entry.lastSeen.getTime()))),
  clients: [],
  operations,
});

describe('the verdict from usage', () => {
  const listTypes = operation('ListTypes', 12, '2026-12-01T10:00:00.000Z', [{ name: 'web', version: '1.4.0', requests: 12 }]);
  const anonymous = operation(null, 3, '2026-12-02T08:00:00.000Z', [{ name: null, version: null, requests: 3 }]);
  const usage = new Map([
    ['B.g', usageOf('B.g', [listTypes])],
    ['U', usageOf('U', [listTypes, anonymous])],
    ['C', usageOf('C', [anonymous])],
    ['B.f', usageOf('B.f', [])],
  ]);

  it('is safe when no operation touched any coordinate, unknown without coordinates, breaking with the operations otherwise', () => {
    expect(usageVerdict(['B.f'], usage)).toEqual({ kind: 'safe' });
    expect(usageVerdict([], usage)).toEqual({ kind: 'unknown' });
    expect(usageVerdict(['B.g'], usage)).toEqual({ kind: 'breaking', usage: { requests: 12, lastSeen: listTypes.lastSeen, operations: [listTypes] } });
  });

  it('counts an operation that touched two of the coordinates once', () => {
    const verdict = usageVerdict(['U', 'C'], usage);
    expect(verdict).toEqual({ kind: 'breaking', usage: { requests: 15, lastSeen: anonymous.lastSeen, operations: [listTypes, anonymous] } });
  });

  it('never takes a coordinate the source did not answer for as unused', () => {
    expect(() => usageVerdict(['B.f', 'Query.gone'], usage)).toThrow('the usage source did not answer for Query.gone');
  });

  it('names each operation (or its hash), its type, requests, last seen and clients', () => {
    const verdict = usageVerdict(['U'], usage);
    if (verdict.kind !== 'breaking') throw new Error('expected breaking');
    expect(usageLines(verdict.usage)).toEqual([
      'query ListTypes: 12 requests, last seen 2026-12-01T10:00:00.000Z, clients web@1.4.0 (12 requests)',
      'query anonymous000 (anonymous): 3 requests, last seen 2026-12-02T08:00:00.000Z, clients (no client name) (3 requests)',
    ]);
    expect(operationLabel({ name: 'Viewer', type: 'QUERY', documentHash: 'x' })).toBe('query Viewer');
  });
});

describe('--window', () => {
  it('takes hours, days and weeks', () => {
    expect(parseWindow('12h').milliseconds).toBe(12 * 3_600_000);
    expect(parseWindow('30d').milliseconds).toBe(30 * 86_400_000);
    expect(parseWindow('2w').milliseconds).toBe(14 * 86_400_000);
  });

  it.each(['30', 'd', '0d', '-1d', '1.5d', '30 d', '30D', '1m', '1y', '53w', '100000d', ''])('refuses %j, saying what it takes', (text) => {
    expect(() => parseWindow(text)).toThrow(/is not a window: a whole number of hours, days or weeks, such as 12h, 30d or 2w/);
  });
});

describe('breaking changes between API schemas as well as supergraphs', () => {
  it('finds none between the committed supergraph and its published API schema, either way round', async () => {
    const supergraph = readFileSync(repositoryPath(SUPERGRAPH_FILE), 'utf8');
    const published = printSchema(apiSchemaOf(supergraph));
    expect(printSchema(apiSchemaOfSdl(published))).toBe(published);
    expect(await findBreakingChanges(published, supergraph)).toEqual([]);
    expect(await findBreakingChanges(supergraph, published)).toEqual([]);
  });

  it('finds a field removed since the published API schema, with the coordinate usage decides it by', async () => {
    const supergraph = readFileSync(repositoryPath(SUPERGRAPH_FILE), 'utf8');
    const published = `${printSchema(apiSchemaOf(supergraph))}\nextend type ContentType { legacyName: String }\n`;
    expect(await findBreakingChanges(published, supergraph)).toEqual([
      { coordinate: 'ContentType.legacyName', message: "Field 'legacyName' was removed from object type 'ContentType'", acceptedBecause: undefined, usageCoordinates: ['ContentType.legacyName'] },
    ]);
  });
});

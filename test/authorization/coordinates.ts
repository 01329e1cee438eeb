// Every place the composed supergraph declares or needs authorization: each root field
// (with its @scopes, or marked @public), each field with its own @scopes, each type with a
// non-empty @scopes. The suites demand a
// case for every one, so a new field cannot ship without authorization coverage.
import { readFileSync } from 'node:fs';
import { getDirective } from '@graphql-tools/utils';
import { buildASTSchema, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { repositoryPath } from '../../lib/paths.js';
import { isPublicField, type ScopeRequirement } from '../../lib/scopes-directive.js';
import { SUPERGRAPH_FILE } from '../../lib/subgraph-list.js';

export interface Coordinate {
  /** `Query.members`, `Member.groups`, or a type name (`ApiKey`) for a type-level requirement. */
  readonly coordinate: string;
  readonly kind: 'query' | 'mutation' | 'field' | 'type';
  readonly requirement: ScopeRequirement | undefined;
  /** A root field marked @public: anyone may call it, credential or not. */
  readonly public: boolean;
}

const FEDERATION_TYPES = /^(join__|link__|_Service|_Entity|_Any)/;

export function supergraphSchema(): GraphQLSchema {
  return buildASTSchema(parse(readFileSync(repositoryPath(SUPERGRAPH_FILE), 'utf8')), { assumeValidSDL: true });
}

export function authorizationCoordinates(schema: GraphQLSchema = supergraphSchema()): Coordinate[] {
  const requirementOf = (node: Parameters<typeof getDirective>[1]) => getDirective(schema, node, 'scopes')?.[0]?.anyOf as ScopeRequirement | undefined;
  const coordinates: Coordinate[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || FEDERATION_TYPES.test(type.name)) continue;
    const isQuery = type === schema.getQueryType();
    const isMutation = type === schema.getMutationType();
    const typeRequirement = requirementOf(type);
    if (!isQuery && !isMutation && typeRequirement && typeRequirement.some((allOf) => allOf.length > 0)) {
      coordinates.push({ coordinate: type.name, kind: 'type', requirement: typeRequirement, public: false });
    }
    for (const field of Object.values(type.getFields())) {
      const own = requirementOf(field);
      if (isQuery || isMutation) {
        coordinates.push({ coordinate: `${type.name}.${field.name}`, kind: isQuery ? 'query' : 'mutation', requirement: own ?? typeRequirement, public: isPublicField(schema, field) });
      } else if (own) {
        coordinates.push({ coordinate: `${type.name}.${field.name}`, kind: 'field', requirement: own, public: false });
      }
    }
  }
  return coordinates.sort((a, b) => a.coordinate.localeCompare(b.coordinate));
}

/** Object types (besides the roots and federation's own) that declare no @scopes at all. */
export function typesWithoutScopes(schema: GraphQLSchema = supergraphSchema()): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !FEDERATION_TYPES.test(type.name))
    .filter((type) => type !== schema.getQueryType() && type !== schema.getMutationType())
    .filter((type) => !getDirective(schema, type as Parameters<typeof getDirective>[1], 'scopes')?.length)
    .map((type) => type.name)
    .sort();
}

// Turns a subgraph's type-graphql resolvers into an Apollo Federation 2 subgraph schema.
import { buildSchema, createResolversMap, type ClassType, type NonEmptyArray } from 'type-graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { graphqlSync, parse, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { AUTHORIZATION_DIRECTIVES_SDL, AUTHORIZATION_SCHEMA_LINK, enforceScopes } from './scopes-directive.js';

const FEDERATION_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@composeDirective", "@inaccessible"])
  ${AUTHORIZATION_SCHEMA_LINK}
${AUTHORIZATION_DIRECTIVES_SDL}`;

// `never` parameters accept a resolver of any parameter types: this module only hands them to Apollo, never calls them.
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

export interface FederatedSchemaOptions {
  readonly resolvers: NonEmptyArray<ClassType>;
  readonly orphanedTypes?: ClassType[];
  /** `__resolveReference` per entity type; each must go through a DataLoader. */
  readonly referenceResolvers?: ReferenceResolvers;
}

export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    // DESIGN.md: times are ISO-8601 UTC under the scalar name `DateTime`.
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    // Federation adds the root types a subgraph may lack.
    skipCheck: true,
  });
  const resolverMap = createResolversMap(typeGraphQLSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolverMap[typeName] = { ...resolverMap[typeName], ...reference };
  }
  // @scopes and @public are enforced here, once for every subgraph, never in resolvers.
  return enforceScopes(
    buildSubgraphSchema([
      {
        typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphQLSchema)}`),
        resolvers: resolverMap as never,
      },
    ]),
  );
}

/** The subgraph SDL exactly as the subgraph serves it to composition (`_service { sdl }`). */
export function printFederatedSchema(schema: GraphQLSchema): string {
  const result = graphqlSync({ schema, source: '{ _service { sdl } }' });
  const sdl = (result.data as { _service?: { sdl?: string } } | null)?._service?.sdl;
  if (!sdl) throw new Error(`Cannot print subgraph SDL: ${result.errors?.map((error) => error.message).join('; ')}`);
  return sdl;
}

// The client-facing API schema (schema/api.graphql): the supergraph without federation
// internals, for GraphQL Code Generator, Apollo Client or urql tooling. `@scopes` and
// `@public` are kept only as readable text in descriptions: those tools would refuse an
// undefined directive.
import { Supergraph } from '@apollo/federation-internals';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLObjectType, GraphQLSchema, buildASTSchema, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType, parse } from 'graphql';
import { declaredRequirement, publicRootFields, type ScopeRequirement } from '../lib/scopes-directive.js';

/** The schema's own description: how to read the requirement closing each description. */
const SCHEMA_DESCRIPTION = `Atrium: one GraphQL endpoint for every workspace.

Send a credential (\`x-api-key\`, \`Authorization: Bearer\` or \`Authorization: Basic\`) and,
for what works inside a workspace, the \`x-workspace-id\` header. Descriptions end with
what a type or field requires: "Requires scopes: \`a\` and \`b\`, or \`c\`" means a and b,
or c. A type's requirement holds for each of its fields that states none of its own. The
coarse scopes \`read\`, \`write\` and \`delete\` grant their action on every resource but
\`keys\`. A field you lack the scopes for is null, with an \`INSUFFICIENT_SCOPE\` error whose
\`extensions.requiredScopes\` lists the scope sets that would allow it.`;

const ROOT_TYPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  Query: 'What you can read: your user and keys, workspaces, and the content, members, roles and logs of the current workspace.',
  Mutation: 'What you can change. A mutation your credential can never run is refused (HTTP 403, `INSUFFICIENT_SCOPE`) before anything runs.',
};

/** The client-facing API schema of a supergraph (federation internals and directives removed). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

type RequirementHolder = 'type' | 'field' | 'root field';

/** What a root field marked @public says at the end of its description. */
const PUBLIC_NOTE = 'Public: no credential needed.';

/** A requirement as a sentence: "Requires scopes: `items:read` and `types:read`, or `audit:read`." */
export function describeRequirement(requirement: ScopeRequirement, holder: RequirementHolder): string {
  // An empty scope set is satisfied by any credential.
  if (requirement.some((allOf) => allOf.length === 0)) {
    if (holder === 'root field') return 'Requires a credential, but no scope.';
    return 'Requires no scope beyond that of the field returning it.';
  }
  const wording = requirement.map((allOf) => allOf.map((scope) => `\`${scope}\``).join(' and ')).join(', or ');
  return `Requires ${new Set(requirement.flat()).size === 1 ? 'scope' : 'scopes'}: ${wording}.`;
}

function withNote(description: string | null | undefined, note: string): string {
  return description ? `${description}\n\n${note}` : note;
}

/** The API schema of a supergraph, each type's and field's own @scopes (or @public) written at the end of its description. */
export function annotatedApiSchema(supergraphSdl: string): GraphQLSchema {
  const supergraph = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const rootTypes = new Set([supergraph.getQueryType()?.name, supergraph.getMutationType()?.name]);
  const publicFields = publicRootFields(supergraph).coordinates;
  const declaredOn = (typeName: string, fieldName?: string): ScopeRequirement | undefined => {
    const type = supergraph.getType(typeName);
    if (!isObjectType(type)) return undefined;
    if (fieldName === undefined) return declaredRequirement(supergraph, type);
    const field = type.getFields()[fieldName];
    return field && declaredRequirement(supergraph, field);
  };
  const annotated = mapSchema(apiSchemaOf(supergraphSdl), {
    [MapperKind.OBJECT_TYPE]: (type) => {
      const requirement = declaredOn(type.name);
      const config = type.toConfig();
      // Root types are merged from every subgraph's fields; none of them describes the whole.
      const description = config.description ?? ROOT_TYPE_DESCRIPTIONS[type.name];
      if (!requirement) return description === config.description ? type : new GraphQLObjectType({ ...config, description });
      return new GraphQLObjectType({ ...config, description: withNote(description, describeRequirement(requirement, 'type')) });
    },
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      if (publicFields.has(`${typeName}.${fieldName}`)) return { ...fieldConfig, description: withNote(fieldConfig.description, PUBLIC_NOTE) };
      const requirement = declaredOn(typeName, fieldName);
      if (!requirement) return fieldConfig;
      const holder = rootTypes.has(typeName) ? 'root field' : 'field';
      return { ...fieldConfig, description: withNote(fieldConfig.description, describeRequirement(requirement, holder)) };
    },
  });
  return new GraphQLSchema({ ...annotated.toConfig(), description: SCHEMA_DESCRIPTION });
}

/**
 * Schema coordinates (`Type`, `Type.field`, `Type.field(argument:)`, `Enum.VALUE`,
 * `Input.field`) without a description: what partners read in the playground and in
 * their generated code, so every one of them must say something.
 */
export function undescribedCoordinates(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const argument of field.args) check(`${type.name}.${field.name}(${argument.name}:)`, argument.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

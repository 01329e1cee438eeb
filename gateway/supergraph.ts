// The supergraph the gateway runs: the committed schema/supergraph.graphql, so that what
// runs is what was reviewed and checked in CI; and what the pipeline reads from it.
import { readFileSync } from 'node:fs';
import { GraphQLSchema, buildASTSchema, parse } from 'graphql';
import { repositoryPath } from '../lib/paths.js';
import { publicRootFields, type PublicRootFields, type ScopeRequirement } from '../lib/scopes-directive.js';
import { SUPERGRAPH_FILE } from '../lib/subgraph-list.js';
import { mutationRequirements } from './mutation-scopes.js';

export function readCommittedSupergraph(): string {
  return readFileSync(repositoryPath(SUPERGRAPH_FILE), 'utf8');
}

/** What the pipeline's steps read from the supergraph's @public and @scopes. */
export interface SupergraphAuthorization {
  /** What a request without a credential may ask for (the document step). */
  readonly publicRootFields: PublicRootFields;
  /** Mutation field → the scopes it needs (the pre-checks). */
  readonly mutationScopes: ReadonlyMap<string, ScopeRequirement>;
}

/** Before any supergraph is loaded: nothing is public, nothing is refused early (subgraphs still enforce). */
export const NO_SUPERGRAPH_AUTHORIZATION: SupergraphAuthorization = {
  publicRootFields: publicRootFields(new GraphQLSchema({})),
  mutationScopes: new Map(),
};

/** Read from a supergraph's SDL; the gateway does it on load and on every update. */
export function authorizationOf(supergraphSdl: string): SupergraphAuthorization {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  return { publicRootFields: publicRootFields(schema), mutationScopes: mutationRequirements(schema) };
}

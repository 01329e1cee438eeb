// The one declared list of subgraphs. The gateway, the schema scripts, the test stack
// and docker-compose.yml (checked by test/compose.test.ts) all follow it.

export interface SubgraphDeclaration {
  /** Service name: folder under subgraphs/, PostgreSQL schema, compose service. */
  readonly name: 'identity' | 'content' | 'audit';
  /** Port the subgraph listens on unless <NAME>_PORT says otherwise. */
  readonly defaultPort: number;
  /** Generated SDL file, relative to the repository root. */
  readonly schemaFile: string;
}

export const SUBGRAPHS: readonly SubgraphDeclaration[] = [
  { name: 'identity', defaultPort: 4001, schemaFile: 'schema/identity.graphql' },
  { name: 'content', defaultPort: 4002, schemaFile: 'schema/content.graphql' },
  { name: 'audit', defaultPort: 4003, schemaFile: 'schema/audit.graphql' },
] as const;

export type SubgraphName = SubgraphDeclaration['name'];

export const SUPERGRAPH_FILE = 'schema/supergraph.graphql';
export const GATEWAY_DEFAULT_PORT = 4000;

/** Environment variable holding a subgraph's listening port. */
export function subgraphPortVariable(name: SubgraphName): string {
  return `${name.toUpperCase()}_PORT`;
}

/** Environment variable holding the URL the gateway uses to reach a subgraph. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `${name.toUpperCase()}_URL`;
}

export function defaultSubgraphUrl(subgraph: SubgraphDeclaration): string {
  return `http://localhost:${subgraph.defaultPort}/graphql`;
}

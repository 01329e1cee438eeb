// Starts the identity subgraph: createServer(config) → { url, stop }.
import type { RunningServer } from '../../lib/http-server.js';
import { startSubgraphServer, type SubgraphDefinition, type SubgraphServerConfig } from '../../lib/subgraph-server.js';
import { createIdentityContext, type IdentityContext } from './context.js';
import { identityOrm } from './orm.js';
import { buildIdentitySchema } from './schema.js';

export const identitySubgraph: SubgraphDefinition<IdentityContext> = {
  orm: identityOrm,
  buildSchema: buildIdentitySchema,
  createContext: createIdentityContext,
};

export function createServer(config: SubgraphServerConfig): Promise<RunningServer> {
  return startSubgraphServer(identitySubgraph, config);
}

// Each declared subgraph's definition, by name, for the scripts and the test stack.
import type { SubgraphName } from '../lib/subgraph-list.js';
import type { BaseSubgraphContext, SubgraphDefinition } from '../lib/subgraph-server.js';
import { auditSubgraph } from './audit/server.js';
import { contentSubgraph } from './content/server.js';
import { identitySubgraph } from './identity/server.js';

export const SUBGRAPH_DEFINITIONS: Record<SubgraphName, SubgraphDefinition<BaseSubgraphContext>> = {
  identity: identitySubgraph as unknown as SubgraphDefinition<BaseSubgraphContext>,
  content: contentSubgraph as unknown as SubgraphDefinition<BaseSubgraphContext>,
  audit: auditSubgraph as unknown as SubgraphDefinition<BaseSubgraphContext>,
};

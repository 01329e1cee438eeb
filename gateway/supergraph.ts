// The supergraph the gateway runs: the committed schema/supergraph.graphql, so that what
// runs is what was reviewed and checked in CI.
import { readFileSync } from 'node:fs';
import { repositoryPath } from '../lib/paths.js';
import { SUPERGRAPH_FILE } from '../lib/subgraph-list.js';

export function readCommittedSupergraph(): string {
  return readFileSync(repositoryPath(SUPERGRAPH_FILE), 'utf8');
}

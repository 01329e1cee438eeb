// Relay's Node: every record a client can fetch on its own, across the three subgraphs,
// is a Node and can be fetched again by its id alone with `node(id:)`. The type of a
// record is read from its id (lib/node-types.ts), so a Node needs no __typename of its own.
import { Field, ID, InterfaceType } from 'type-graphql';
import { nodeTypeOfId } from '../../../lib/ids.js';

@InterfaceType('Node', {
  description: 'A record with a global id: `node(id:)` fetches any of them by that id alone (Relay).',
  resolveType: (value: { __typename?: string; id?: string; nodeId?: string }) => value.__typename ?? nodeTypeOfId(value.id ?? value.nodeId ?? ''),
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id of the record: unique across every type, and what `node(id:)` takes.' })
  id!: string;
}

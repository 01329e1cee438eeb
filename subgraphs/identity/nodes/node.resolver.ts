// Query.node and Query.nodes (Relay's object identification), for every Node type of the
// three subgraphs: identity answers its own records and hands the gateway references to
// the others (lib/node-reference.ts).
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, ID, Info, Query, Resolver } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { Node } from './node.interface.js';
import { MAX_NODE_IDS } from './node.service.js';

@Resolver()
export class NodeResolver {
  // Each type then needs what its own query needs (checked in NodeService).
  @Directive(scopes([]))
  @Query(() => Node, {
    nullable: true,
    description:
      "The record with this global id, of any type, answered as the type's own query would: null with NOT_FOUND when it does not exist or is not yours to see (another workspace's), with INSUFFICIENT_SCOPE without the type's scopes. Null without an error for an id that names no type (ids made before v1). A malformed id is BAD_USER_INPUT.",
  })
  node(@Arg('id', () => ID, { description: 'Global id of the record (`id` of any Node).' }) id: string, @Ctx() context: IdentityContext, @Info() info: GraphQLResolveInfo): Promise<object | null> {
    return context.nodes.find(id, info.schema);
  }

  @Directive(scopes([]))
  @Query(() => [Node], {
    nullable: 'items',
    description: `The records with these global ids, in the same order, each answered as \`node(id:)\` answers it: one that is refused or missing is null (with its own error) and the others still answer. At most ${MAX_NODE_IDS} ids.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: `Global ids of the records, at most ${MAX_NODE_IDS}.` }) ids: string[],
    @Ctx() context: IdentityContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object | null>[] {
    return context.nodes.findMany(ids, info.schema);
  }
}

// Identity's stubs of the Node types that content and audit own: only what `node(id:)`
// needs to hand the gateway a reference (lib/node-reference.ts). Each repeats its owner's
// description and @scopes, so that the composed type means one thing and `node(id:)` can
// refuse a caller without the type's scopes before asking anyone (a test compares them).
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { NODE_ID_DESCRIPTION, NODE_ID_DIRECTIVE, NODE_STUB_KEY } from '../../../lib/node-reference.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { Node } from './node.interface.js';

@Directive(NODE_STUB_KEY)
@Directive(scopes(['types:read']))
@ObjectType({ implements: Node, description: 'A kind of content in a workspace, such as "Article", with the fields its items carry.' })
export class ContentType extends Node {
  @Directive('@external')
  @Field(() => ID, { description: 'Opaque id of the content type.' })
  declare id: string;

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  nodeId!: string;
}

@Directive(NODE_STUB_KEY)
@Directive(scopes(['types:read']))
@ObjectType({ implements: Node, description: 'A field of a content type: what its items may hold under `key`.' })
export class ContentField extends Node {
  @Directive('@external')
  @Field(() => ID, { description: 'Opaque id of the field.' })
  declare id: string;

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  nodeId!: string;
}

@Directive(NODE_STUB_KEY)
@Directive(scopes(['items:read']))
@ObjectType({ implements: Node, description: 'An item of a content type.' })
export class Item extends Node {
  @Directive('@external')
  @Field(() => ID, { description: 'Opaque id of the item.' })
  declare id: string;

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  nodeId!: string;
}

@Directive(NODE_STUB_KEY)
@Directive(scopes(['audit:read']))
@ObjectType({ implements: Node, description: 'One change: who made it, to what, and what changed.' })
export class AuditEvent extends Node {
  @Directive('@external')
  @Field(() => ID, { description: 'Opaque id of the event.' })
  declare id: string;

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  nodeId!: string;
}

@Directive(NODE_STUB_KEY)
@Directive(scopes(['audit:read'], ['keys:read']))
@ObjectType({ implements: Node, description: 'One API request: who made it, what it asked for and how it ended.' })
export class RequestLog extends Node {
  @Directive('@external')
  @Field(() => ID, { description: 'Opaque id of the entry.' })
  declare id: string;

  @Directive(NODE_ID_DIRECTIVE)
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  nodeId!: string;
}

/** The stub classes by type name: what `node(id:)` answers for a record identity does not own. */
export const FOREIGN_NODE_TYPES = { ContentType, ContentField, Item, AuditEvent, RequestLog } as const;

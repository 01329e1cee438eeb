// The global-id tag of every Node type (README "Global ids"): the last byte of a record's
// UUIDv7 (inside rand_b) names its type, so `node(id)` knows which subgraph and table to
// ask without a lookup, and ids stay plain UUIDs for clients and the database. One table,
// read by lib/ids.ts (to make ids), identity's `node` resolver (to read them) and the
// tests (which check it against the supergraph's implementations of Node).
//
// A tag is forever: changing or reusing one makes every id already handed out resolve
// as the wrong type. Add new types with new values; never edit a line.
export const NODE_TYPE_TAGS = {
  User: 0x11,
  Workspace: 0x12,
  ApiKey: 0x13,
  Role: 0x14,
  Member: 0x15,
  Invitation: 0x16,
  MemberGroup: 0x17,
  ContentType: 0x21,
  ContentField: 0x22,
  Item: 0x23,
  AuditEvent: 0x31,
  RequestLog: 0x32,
} as const;

export type NodeTypeName = keyof typeof NODE_TYPE_TAGS;
export type NodeTag = (typeof NODE_TYPE_TAGS)[NodeTypeName];

const TYPE_BY_TAG = new Map<number, NodeTypeName>(Object.entries(NODE_TYPE_TAGS).map(([name, tag]) => [tag, name as NodeTypeName]));

/** The Node type a tag names; undefined for any other byte (an untagged id's random last byte, mostly). */
export function nodeTypeOfTag(tag: number): NodeTypeName | undefined {
  return TYPE_BY_TAG.get(tag);
}

/** Whether `name` is a Node type of the table. */
export function isNodeTypeName(name: string): name is NodeTypeName {
  return Object.hasOwn(NODE_TYPE_TAGS, name);
}

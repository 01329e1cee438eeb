// A nonce of a principal header this subgraph accepted, kept until its header could no
// longer be fresh. Every subgraph has this table in its own schema, shared by all of its
// instances, so that a header is accepted once per subgraph, not once per process. The
// migration creates it UNLOGGED: losing it in a crash costs at most one window of replay
// protection, and it spares the WAL a write per request.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'seen_nonces' })
@Index({ properties: ['expiresAt'] })
export class SeenNonce {
  @PrimaryKey({ type: 'text' })
  nonce!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}

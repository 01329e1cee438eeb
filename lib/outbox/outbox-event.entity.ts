// The transactional outbox: an event written in the same transaction as the change it
// announces, then delivered to every target subgraph at least once by the relay. Each
// subgraph that emits events has this table in its own schema.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { newId } from '../ids.js';

@Entity({ tableName: 'outbox_events' })
@Index({ properties: ['createdAt'] })
export class OutboxEvent {
  [OptionalProps]?: 'id' | 'createdAt' | 'attempts';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'text' })
  topic!: string;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Subgraphs that have not acknowledged the event yet; the row is deleted once this is empty. */
  @Property({ type: 'text[]' })
  pendingTargets!: string[];

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

// Inputs of the item queries.
import { Field, InputType, registerEnumType } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { OrderDirection } from '../../../lib/order-direction.js';

export enum ItemOrderBy {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  FIELD = 'FIELD',
}

registerEnumType(ItemOrderBy, {
  name: 'ItemOrderBy',
  description: 'What items are ordered by.',
  valuesConfig: { CREATED_AT: { description: 'Creation time.' }, UPDATED_AT: { description: 'Last change.' }, FIELD: { description: 'The value of `field` (items without one come last).' } },
});

@InputType({ description: 'A range on a number, date or datetime field.' })
export class ItemRange {
  @Field(() => String, { description: 'Field key.' })
  field!: string;

  @Field(() => JSONResolver, { nullable: true, description: 'Greater than.' })
  gt?: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'Greater than or equal.' })
  gte?: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'Less than.' })
  lt?: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'Less than or equal.' })
  lte?: unknown;
}

@InputType({ description: 'Which items to list; all conditions must hold.' })
export class ItemFilter {
  @Field(() => JSONResolver, { nullable: true, description: 'Field key → value the item must have (`{ "status": "published" }`).' })
  equals?: unknown;

  @Field(() => [ItemRange], { nullable: true, description: 'Ranges on number, date and datetime fields.' })
  ranges?: ItemRange[];

  @Field(() => String, { nullable: true, description: 'Text, long text, email and URL fields contain this (case-insensitive).' })
  search?: string;

  @Field(() => Date, { nullable: true, description: 'Created at or after.' })
  createdAfter?: Date;

  @Field(() => Date, { nullable: true, description: 'Created before.' })
  createdBefore?: Date;

  @Field(() => Date, { nullable: true, description: 'Changed at or after.' })
  updatedAfter?: Date;

  @Field(() => Date, { nullable: true, description: 'Changed before.' })
  updatedBefore?: Date;
}

@InputType({ description: 'How to order items; the id breaks ties, so pages are stable.' })
export class ItemOrder {
  @Field(() => ItemOrderBy, { description: 'What to order by.' })
  by!: ItemOrderBy;

  @Field(() => String, { nullable: true, description: 'Field key, with `by: FIELD`.' })
  field?: string;

  @Field(() => OrderDirection, { nullable: true, description: 'Default ASC.' })
  direction?: OrderDirection;
}

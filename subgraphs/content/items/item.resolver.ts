// Item queries and mutations; Item.contentType through a DataLoader, authors as federated users.
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { ContentContext } from '../context.js';
import { ContentType } from '../content-types/content-type.entity.js';
import { User } from '../users/user.reference.js';
import { Item } from './item.entity.js';
import { ItemFilter, ItemOrder } from './item.input.js';

export const ItemConnection = ConnectionType(Item, 'Item');

function user(id: string | null): User | null {
  return id ? Object.assign(new User(), { id }) : null;
}

@Resolver(() => Item)
export class ItemResolver {
  @Directive(scopes(['items:read']))
  @Query(() => ItemConnection, { nullable: true, description: 'Items of a content type of the current workspace.' })
  items(
    @Arg('typeId', () => ID, { description: 'Id of the content type whose items to list.' }) typeId: string,
    @Arg('filter', () => ItemFilter, { nullable: true, description: 'Conditions items must meet.' }) filter: ItemFilter | undefined,
    @Arg('orderBy', () => ItemOrder, { nullable: true, description: 'Order; default oldest first.' }) orderBy: ItemOrder | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: ContentContext,
  ): Promise<Connection<Item>> {
    return context.items.list(typeId, filter, orderBy, page);
  }

  @Directive(scopes(['items:read']))
  @Query(() => Item, { nullable: true, description: 'An item of the current workspace.' })
  item(@Arg('id', () => ID, { description: 'Id of the item.' }) id: string, @Ctx() context: ContentContext): Promise<Item> {
    return context.items.get(id);
  }

  @FieldResolver(() => ContentType, { nullable: true, description: "The item's content type." })
  async contentType(@Root() item: Item, @Ctx() context: ContentContext): Promise<ContentType> {
    return (await context.loaders.contentTypeById.load(item.contentTypeId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created the item; null when a workspace key did.' })
  createdBy(@Root() item: Item): User | null {
    return user(item.createdBy);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who changed the item last; null when a workspace key did.' })
  updatedBy(@Root() item: Item): User | null {
    return user(item.updatedBy);
  }

  @Directive(scopes(['items:write']))
  @Mutation(() => Item, { description: 'Creates an item. Invalid values give one BAD_USER_INPUT listing every offending field; nothing is written.' })
  createItem(
    @Arg('typeId', () => ID, { description: 'Id of the content type of the new item.' }) typeId: string,
    @Arg('values', () => JSONResolver, { description: 'Values by field key, e.g. `{"title": "Hello"}`; checked against the type\'s fields.' }) values: unknown,
    @Ctx() context: ContentContext,
  ): Promise<Item> {
    return context.items.create(typeId, values);
  }

  @Directive(scopes(['items:write']))
  @Mutation(() => Item, { description: 'Changes the given values of an item; the others stay. Null clears a value.' })
  updateItem(
    @Arg('id', () => ID, { description: 'Id of the item to change.' }) id: string,
    @Arg('values', () => JSONResolver, { description: 'Values to change by field key; null clears a value.' }) values: unknown,
    @Ctx() context: ContentContext,
  ): Promise<Item> {
    return context.items.update(id, values);
  }

  @Directive(scopes(['items:delete']))
  @Mutation(() => Boolean, { description: 'Deletes an item.' })
  deleteItem(@Arg('id', () => ID, { description: 'Id of the item to delete.' }) id: string, @Ctx() context: ContentContext): Promise<boolean> {
    return context.items.delete(id);
  }
}

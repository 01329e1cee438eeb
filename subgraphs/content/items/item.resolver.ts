// Item queries and mutations; Item.contentType through a DataLoader, authors as federated users.
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { ContentContext } from '../context.js';
import { ContentType } from '../content-types/content-type.entity.js';
import { User } from '../users/user.reference.js';
import { Item } from './item.entity.js';
import { ItemFilter, ItemOrder } from './item.input.js';

export const ItemConnection = ConnectionType(Item, 'Item');
export const CreateItemPayload = ObjectPayloadType('createItem', 'item', () => Item, {
  description: 'A new item.',
  fieldDescription: 'The item created.',
  deniableWithout: 'items:read',
});
export const UpdateItemPayload = ObjectPayloadType('updateItem', 'item', () => Item, {
  description: 'A changed item.',
  fieldDescription: 'The item, as changed.',
  deniableWithout: 'items:read',
});
export const DeleteItemPayload = DeletePayloadType('deleteItem', 'A deleted item.', 'Id of the item deleted.');

function user(id: string | null): User | null {
  return id ? Object.assign(new User(), { id }) : null;
}

@Resolver(() => Item)
export class ItemResolver {
  @Directive(scopes(['items:read']))
  @Query(() => ItemConnection, { nullable: true, description: 'Items of a content type of the current workspace.' })
  items(
    @Arg('contentTypeId', () => ID, { description: 'Id of the content type whose items to list.' }) contentTypeId: string,
    @Arg('filter', () => ItemFilter, { nullable: true, description: 'Conditions items must meet.' }) filter: ItemFilter | undefined,
    @Arg('orderBy', () => ItemOrder, { nullable: true, description: 'Order; default oldest first.' }) orderBy: ItemOrder | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: ContentContext,
  ): Promise<Connection<Item>> {
    return context.items.list(contentTypeId, filter, orderBy, page);
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
  @Mutation(() => CreateItemPayload, { description: 'Creates an item. Invalid values give one BAD_USER_INPUT listing every offending field; nothing is written.' })
  async createItem(
    @Arg('contentTypeId', () => ID, { description: 'Id of the content type of the new item.' }) contentTypeId: string,
    @Arg('values', () => JSONResolver, { description: 'Values by field key, e.g. `{"title": "Hello"}`; checked against the type\'s fields.' }) values: unknown,
    @Ctx() context: ContentContext,
  ): Promise<InstanceType<typeof CreateItemPayload>> {
    return { item: await context.items.create(contentTypeId, values) };
  }

  @Directive(scopes(['items:write']))
  @Mutation(() => UpdateItemPayload, { description: 'Changes the given values of an item; the others stay. Null clears a value.' })
  async updateItem(
    @Arg('id', () => ID, { description: 'Id of the item to change.' }) id: string,
    @Arg('values', () => JSONResolver, { description: 'Values to change by field key; null clears a value.' }) values: unknown,
    @Ctx() context: ContentContext,
  ): Promise<InstanceType<typeof UpdateItemPayload>> {
    return { item: await context.items.update(id, values) };
  }

  @Directive(scopes(['items:delete']))
  @Mutation(() => DeleteItemPayload, { description: 'Deletes an item.' })
  async deleteItem(@Arg('id', () => ID, { description: 'Id of the item to delete.' }) id: string, @Ctx() context: ContentContext): Promise<InstanceType<typeof DeleteItemPayload>> {
    return { deletedId: await context.items.delete(id) };
  }
}

// Mutation payloads (DESIGN.md "API conventions"): every mutation answers its own
// `<MutationName>Payload`, holding the changed object (or `deletedId` for a delete), so a
// field can be added to one mutation's answer later without touching any other. Errors
// stay top-level (extensions.code), as everywhere else in the API.
import { Directive, Field, ID, ObjectType, type ClassType } from 'type-graphql';
import { scopes } from './scopes-directive.js';

/** `createItem` → `CreateItemPayload`. */
export function payloadTypeName(mutationName: string): string {
  return `${mutationName[0].toUpperCase()}${mutationName.slice(1)}Payload`;
}

export interface ObjectPayloadOptions {
  /** What the mutation did, the payload type's description. */
  readonly description: string;
  /** The object field's description. */
  readonly fieldDescription: string;
  /**
   * The scope set that reads the object's type when the mutation's own scope does not imply
   * it (`items:read` for createItem, which needs `items:write`): then the field is nullable
   * (README "Nullability"), so a caller who may change but not read gets the payload with
   * `null` there and an INSUFFICIENT_SCOPE, rather than losing the whole answer.
   */
  readonly deniableWithout?: string;
}

/**
 * A `<MutationName>Payload` with one field, `field`, holding the changed object. A payload
 * with more (a one-time secret, a count) is a class of its own.
 */
export function ObjectPayloadType<T extends object, F extends string>(mutationName: string, field: F, objectType: () => ClassType<T>, options: ObjectPayloadOptions) {
  @Directive(scopes([]))
  @ObjectType(payloadTypeName(mutationName), { description: options.description })
  class ObjectPayload {}
  const nullable = options.deniableWithout !== undefined;
  const description = nullable ? `${options.fieldDescription} Null, with INSUFFICIENT_SCOPE, without \`${options.deniableWithout}\`.` : options.fieldDescription;
  Field(objectType, { nullable, description })(ObjectPayload.prototype, field);
  return ObjectPayload as ClassType<Record<F, T | null>>;
}

/** A `<MutationName>Payload` for a delete: the id of the record that is gone, to evict from a client cache. */
export function DeletePayloadType(mutationName: string, description: string, deletedIdDescription: string) {
  @Directive(scopes([]))
  @ObjectType(payloadTypeName(mutationName), { description })
  class DeletePayload {
    @Field(() => ID, { description: deletedIdDescription })
    deletedId!: string;
  }
  return DeletePayload;
}

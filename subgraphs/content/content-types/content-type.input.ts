// Inputs of the content type queries and mutations.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new content type.' })
export class CreateContentTypeInput {
  @Field(() => String, { description: 'Display name, 1 to 100 characters.' })
  name!: string;

  @Field(() => String, { description: 'Stable identifier, unique in the workspace (`^[a-z][a-z0-9_]*$`, at most 64 characters).' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'What the type is for.' })
  description?: string;
}

@InputType({ description: 'Changes to a content type; omitted fields stay as they are. The key never changes.' })
export class UpdateContentTypeInput {
  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string;
}

@InputType({ description: 'Which content types to list.' })
export class ContentTypeFilter {
  @Field(() => String, { nullable: true, description: 'Name or key contains this (case-insensitive).' })
  search?: string;
}

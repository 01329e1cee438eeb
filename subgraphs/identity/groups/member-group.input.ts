// Inputs of the member group mutations.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new group.' })
export class CreateMemberGroupInput {
  @Field(() => String, { description: 'Name, unique in the workspace, 1 to 100 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the group is for.' })
  description?: string;
}

@InputType({ description: 'Changes to a group; omitted fields stay as they are.' })
export class UpdateMemberGroupInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string;
}

// Input of createWorkspace.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new workspace.' })
export class CreateWorkspaceInput {
  @Field(() => String, { description: 'Display name, 1 to 100 characters.' })
  name!: string;
}

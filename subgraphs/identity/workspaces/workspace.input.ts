// Inputs of createWorkspace and updateWorkspace.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new workspace.' })
export class CreateWorkspaceInput {
  @Field(() => String, { description: 'Display name, 1 to 100 characters.' })
  name!: string;
}

@InputType({ description: 'Changes to the current workspace; omitted fields stay as they are.' })
export class UpdateWorkspaceInput {
  @Field(() => String, { nullable: true, description: 'New display name, 1 to 100 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description, at most 1000 characters; null or blank removes it.' })
  description?: string | null;
}

// Input of updateMe.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Changes to your own account; omitted fields stay as they are.' })
export class UpdateMeInput {
  @Field(() => String, { nullable: true, description: 'New display name, 1 to 100 characters.' })
  name?: string | null;
}

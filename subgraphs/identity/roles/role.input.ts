// Inputs of the role mutations.
import { Field, InputType } from 'type-graphql';
import { Scope } from '../../../lib/scope-enum.js';

@InputType({ description: 'A new role.' })
export class CreateRoleInput {
  @Field(() => String, { description: 'Display name, 1 to 100 characters.' })
  name!: string;

  @Field(() => String, { description: 'Stable identifier, unique in the workspace (`^[a-z][a-z0-9_]*$`).' })
  key!: string;

  @Field(() => [Scope], { description: 'Permissions in the scope vocabulary.' })
  permissions!: string[];
}

@InputType({ description: 'Changes to a role; omitted fields stay as they are.' })
export class UpdateRoleInput {
  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string;

  @Field(() => [Scope], { nullable: true, description: 'The complete new set of permissions.' })
  permissions?: string[];
}

// Inputs of the member mutations and list.
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Someone to add to the workspace.' })
export class AddMemberInput {
  @Field(() => String, { description: 'Email of the person: a user with this email, verified, joins at once; any other address is mailed an invitation.' })
  email!: string;

  @Field(() => ID, { description: 'Role they get.' })
  roleId!: string;
}

@InputType({ description: "A member's new role." })
export class UpdateMemberInput {
  @Field(() => ID, { description: 'The role the member gets.' })
  roleId!: string;
}

@InputType({ description: 'Which members to list.' })
export class MemberFilter {
  @Field(() => ID, { nullable: true, description: 'Only members holding this role.' })
  roleId?: string;

  @Field(() => ID, { nullable: true, description: 'Only members in this group.' })
  groupId?: string;

  @Field(() => String, { nullable: true, description: 'Name or email contains this (case-insensitive).' })
  search?: string;
}

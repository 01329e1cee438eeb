// Inputs of register, createSession and changePassword.
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new account.' })
export class RegisterInput {
  @Field(() => String, { description: 'Email address to sign in with.' })
  email!: string;

  @Field(() => String, { description: 'At least 12 characters.' })
  password!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;
}

@InputType({ description: 'Credentials to sign in with.' })
export class CreateSessionInput {
  @Field(() => String, { description: 'Email address of the account.' })
  email!: string;

  @Field(() => String, { description: 'Password of the account.' })
  password!: string;

  @Field(() => ID, { nullable: true, description: 'Workspace the session works in when a request names none.' })
  workspaceId?: string;
}

@InputType({ description: 'A new password for the signed-in user.' })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The password in use now.' })
  currentPassword!: string;

  @Field(() => String, { description: 'At least 12 characters.' })
  newPassword!: string;
}

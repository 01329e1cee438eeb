// Inputs of changeEmail and resetPassword.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new email address for the signed-in user, confirmed by a link mailed to it.' })
export class ChangeEmailInput {
  @Field(() => String, { description: 'The address to move the account to.' })
  newEmail!: string;

  @Field(() => String, { description: 'The password in use now.' })
  currentPassword!: string;
}

@InputType({ description: 'A new password, set with the link of a password-reset mail.' })
export class ResetPasswordInput {
  @Field(() => String, { description: 'The token of the mailed link (`atr_…`, the `token` parameter of the link).' })
  token!: string;

  @Field(() => String, { description: 'At least 12 characters.' })
  newPassword!: string;
}

// Seeds and mail readers for the invitation tests: an account registered with a chosen
// address (unverified, as register leaves it), proving that address, and the invitation
// mail as it arrives over SMTP (stack.mail), with the token of its link.
import type { CaughtMail } from '../lib/mail/sink.js';
import { signUp, type SignedUpUser } from './identity-seeds.js';
import { selectRows, type TestStack } from './testkit.js';

/** Registers an account with this email, as a person would; its address is not verified yet. */
export async function registerWith(stack: TestStack, email: string, name: string): Promise<SignedUpUser> {
  const password = `pw-${email}-long-enough`;
  const data = await stack.query<{ register: { token: string; user: { id: string } } }>({
    query: 'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }',
    variables: { input: { email, password, name } },
  });
  return { userId: data.register.user.id, email, password, token: data.register.token };
}

/**
 * The user proves they receive mail at their address.
 * TODO(issue 17, accounts): open the verification link register mails
 * (`${publicUrl}/account/verify-email?token=…`, read with stack.mail.waitFor) and send its
 * token to the verifyEmail mutation, once that mutation lands; until then the test sets
 * users.email_verified_at directly.
 */
export async function verifyEmail(stack: TestStack, user: Pick<SignedUpUser, 'userId'>): Promise<void> {
  await selectRows(stack.database.url, 'update identity.users set email_verified_at = now() where id = $1', [user.userId]);
}

/**
 * A signed-up user whose email is verified.
 * TODO(issue 17, merge): signUp (test/identity-seeds.ts) verifies through the mail sink once
 * the accounts work lands; then every call of this is plain signUp, and this goes.
 */
export async function signUpVerified(stack: TestStack, name: string): Promise<SignedUpUser> {
  const user = await signUp(stack, name);
  await verifyEmail(stack, user);
  return user;
}

/** The token in an invitation mail's link (`${publicUrl}/account/invitation?token=…`). */
export function invitationToken(mail: CaughtMail): string {
  const link = mail.links.find((candidate) => new URL(candidate).pathname === '/account/invitation');
  if (!link) throw new Error(`no invitation link in "${mail.subject}": ${mail.links.join(', ')}`);
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`the invitation link carries no token: ${link}`);
  return token;
}

/** The first invitation mail to `email` that arrived after the mail numbered `afterId` (0: the first of all). */
export function invitationMail(stack: TestStack, email: string, afterId = 0): Promise<CaughtMail> {
  const address = email.toLowerCase();
  return stack.mail.waitFor((mail) => mail.id > afterId && mail.to.includes(address) && / invited you to /.test(mail.subject));
}

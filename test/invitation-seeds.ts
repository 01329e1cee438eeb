// Seeds and mail readers for the invitation tests: an account registered with a chosen
// address (unverified, as register leaves it), proving that address, and the invitation
// mail as it arrives over SMTP (stack.mail), with the token of its link.
import type { CaughtMail } from '../lib/mail/sink.js';
import { verifyEmailOf, type SignedUpUser } from './identity-seeds.js';
import type { TestStack } from './testkit.js';

/** Registers an account with this email, as a person would; its address is not verified yet. */
export async function registerWith(stack: TestStack, email: string, name: string): Promise<SignedUpUser> {
  const password = `pw-${email}-long-enough`;
  const data = await stack.query<{ register: { token: string; user: { id: string } } }>({
    query: 'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }',
    variables: { input: { email, password, name } },
  });
  return { userId: data.register.user.id, email, password, token: data.register.token };
}

/** The user opens the verification link register mailed them (read over SMTP): verifyEmail with its token. */
export async function verifyEmail(stack: TestStack, user: Pick<SignedUpUser, 'email'>): Promise<void> {
  await verifyEmailOf(stack, user.email);
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

// Seed builders that go through the public API, as a client would: sign up, create a
// workspace, create keys, create content types. Each returns what later steps need.
import { randomBytes } from 'node:crypto';
import type { TestStack } from './testkit.js';
import { scopeEnumName } from '../lib/scopes.js';

export interface SignedUpUser {
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
}

export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

/** The token of the newest mailed link to `email` whose path is `path` (`/account/verify-email`), read over SMTP from the stack's sink. */
export async function mailedToken(stack: TestStack, email: string, path: string, after = 0): Promise<string> {
  const mail = await stack.mail.waitFor((caught) => caught.id > after && caught.to.includes(email.toLowerCase()) && caught.links.some((link) => new URL(link).pathname === path));
  const link = mail.links.find((candidate) => new URL(candidate).pathname === path)!;
  return new URL(link).searchParams.get('token')!;
}

/** Opens the verification link mailed to `email` the way the account page does: verifyEmail with its token. */
export async function verifyEmailOf(stack: TestStack, email: string): Promise<void> {
  const token = await mailedToken(stack, email, '/account/verify-email');
  await stack.query({ query: 'mutation($token: String!) { verifyEmail(token: $token) { user { emailVerified } } }', variables: { token } });
}

/** A new user who registered and opened the verification mail (as every user who makes API keys has), signed in. */
export async function signUp(stack: TestStack, name = 'Test User'): Promise<SignedUpUser> {
  const user = await registerUnverified(stack, name);
  await verifyEmailOf(stack, user.email);
  return user;
}

/** A new user who registered but has not opened the verification mail: signed in, cannot make API keys. */
export async function registerUnverified(stack: TestStack, name = 'Test User'): Promise<SignedUpUser> {
  const email = `user-${randomBytes(5).toString('hex')}@example.com`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const data = await stack.query<{ register: { token: string; user: { id: string } } }>({
    query: 'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }',
    variables: { input: { email, password, name } },
  });
  return { userId: data.register.user.id, email, password, token: data.register.token };
}

export async function createWorkspaceAs(stack: TestStack, token: string, name = 'Workspace'): Promise<string> {
  const data = await stack.query<{ createWorkspace: { workspace: { id: string } } }>({
    query: 'mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { workspace { id } } }',
    variables: { input: { name } },
    headers: bearer(token),
  });
  return data.createWorkspace.workspace.id;
}

/** Content types with these keys (named after them: `article` → `Article`) in a workspace of the token's user; returns their ids. */
export async function createContentTypesAs(stack: TestStack, token: string, workspaceId: string, keys: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const key of keys) {
    const data = await stack.query<{ createContentType: { contentType: { id: string } } }>({
      query: 'mutation($input: CreateContentTypeInput!) { createContentType(input: $input) { contentType { id } } }',
      variables: { input: { key, name: key[0].toUpperCase() + key.slice(1) } },
      headers: { ...bearer(token), 'x-workspace-id': workspaceId },
    });
    ids.push(data.createContentType.contentType.id);
  }
  return ids;
}

export interface CreatedKey {
  readonly id: string;
  readonly secret: string;
}

/** A user key with `scopes` in the wire form (`items:read`); sent as the API's Scope enum names. */
export async function createUserKey(
  stack: TestStack,
  token: string,
  input: { scopes: string[]; workspaceIds: string[]; expiresIn?: string; description?: string; rateLimit?: number; client?: string },
): Promise<CreatedKey> {
  const data = await stack.query<{ createApiKey: { secret: string; apiKey: { id: string } } }>({
    query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }',
    variables: { input: { description: 'test key', expiresIn: 'ONE_MONTH', ...input, scopes: input.scopes.map(scopeEnumName) } },
    headers: bearer(token),
  });
  return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
}

/** A workspace key with `scopes` in the wire form (`items:read`); sent as the API's Scope enum names. */
export async function createWorkspaceKey(
  stack: TestStack,
  token: string,
  workspaceId: string,
  input: { scopes: string[]; expiresIn?: string; description?: string; rateLimit?: number; client?: string },
): Promise<CreatedKey> {
  const data = await stack.query<{ createWorkspaceKey: { secret: string; apiKey: { id: string } } }>({
    query: 'mutation($input: CreateWorkspaceKeyInput!) { createWorkspaceKey(input: $input) { secret apiKey { id } } }',
    variables: { input: { description: 'workspace key', expiresIn: 'ONE_MONTH', ...input, scopes: input.scopes.map(scopeEnumName) } },
    headers: { ...bearer(token), 'x-workspace-id': workspaceId },
  });
  return { id: data.createWorkspaceKey.apiKey.id, secret: data.createWorkspaceKey.secret };
}

export interface IssuedSecrets {
  readonly user: SignedUpUser;
  readonly workspaceId: string;
  readonly userKey: CreatedKey;
  readonly workspaceKey: CreatedKey;
  /** The new secret of userKey after a rotation (the old one stays valid for a minute). */
  readonly rotatedSecret: string;
  /** A second session of the user, from signing in with the password. */
  readonly sessionToken: string;
}

/** One of every secret Atrium hands out: a password, a session from sign-up and one from sign-in, a user key, a workspace key, a rotated key. */
export async function issueEverySecret(stack: TestStack, name: string, userKeyScopes: string[] = ['read', 'keys:read']): Promise<IssuedSecrets> {
  const user = await signUp(stack, name);
  const workspaceId = await createWorkspaceAs(stack, user.token);
  const userKey = await createUserKey(stack, user.token, { scopes: userKeyScopes, workspaceIds: [workspaceId] });
  const workspaceKey = await createWorkspaceKey(stack, user.token, workspaceId, { scopes: ['read'] });
  const rotated = await stack.query<{ rotateApiKey: { secret: string } }>({
    query: 'mutation($id: ID!) { rotateApiKey(id: $id, gracePeriod: 60) { secret } }',
    variables: { id: userKey.id },
    headers: bearer(user.token),
  });
  const session = await stack.query<{ createSession: { token: string } }>({
    query: 'mutation($input: CreateSessionInput!) { createSession(input: $input) { token } }',
    variables: { input: { email: user.email, password: user.password } },
  });
  return { user, workspaceId, userKey, workspaceKey, rotatedSecret: rotated.rotateApiKey.secret, sessionToken: session.createSession.token };
}

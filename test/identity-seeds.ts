// Seed builders that go through the public API, as a client would: sign up, create a
// workspace, create keys. Each returns what later steps need.
import { randomBytes } from 'node:crypto';
import type { TestStack } from './testkit.js';

export interface SignedUpUser {
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
}

export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

export async function signUp(stack: TestStack, name = 'Test User'): Promise<SignedUpUser> {
  const email = `user-${randomBytes(5).toString('hex')}@example.com`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const data = await stack.query<{ register: { token: string; user: { id: string } } }>({
    query: 'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }',
    variables: { input: { email, password, name } },
  });
  return { userId: data.register.user.id, email, password, token: data.register.token };
}

export async function createWorkspaceAs(stack: TestStack, token: string, name = 'Workspace'): Promise<string> {
  const data = await stack.query<{ createWorkspace: { id: string } }>({
    query: 'mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }',
    variables: { input: { name } },
    headers: bearer(token),
  });
  return data.createWorkspace.id;
}

export interface CreatedKey {
  readonly id: string;
  readonly secret: string;
}

export async function createUserKey(
  stack: TestStack,
  token: string,
  input: { scopes: string[]; workspaceIds: string[]; expiresIn?: string; description?: string },
): Promise<CreatedKey> {
  const data = await stack.query<{ createApiKey: { secret: string; apiKey: { id: string } } }>({
    query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }',
    variables: { input: { description: 'test key', expiresIn: 'ONE_MONTH', ...input } },
    headers: bearer(token),
  });
  return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
}

export async function createWorkspaceKey(
  stack: TestStack,
  token: string,
  workspaceId: string,
  input: { scopes: string[]; expiresIn?: string; description?: string },
): Promise<CreatedKey> {
  const data = await stack.query<{ createWorkspaceKey: { secret: string; apiKey: { id: string } } }>({
    query: 'mutation($input: CreateWorkspaceKeyInput!) { createWorkspaceKey(input: $input) { secret apiKey { id } } }',
    variables: { input: { description: 'workspace key', expiresIn: 'ONE_MONTH', ...input } },
    headers: { ...bearer(token), 'x-workspace-id': workspaceId },
  });
  return { id: data.createWorkspaceKey.apiKey.id, secret: data.createWorkspaceKey.secret };
}

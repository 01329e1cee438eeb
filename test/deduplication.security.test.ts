// In-flight deduplication never crosses principals: many identical queries at once, by the
// keys of two workspaces, each get the answer of their own principal (gateway/subgraph-deduplication.ts keys on the principal).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUserKey, createWorkspaceAs, signUp, type CreatedKey } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

let stack: TestStack;
const callers: { key: CreatedKey; workspaceId: string; name: string }[] = [];

beforeAll(async () => {
  stack = await startStack();
  for (const name of ['Dedup North', 'Dedup South']) {
    const owner = await signUp(stack, `${name} Owner`);
    const workspaceId = await createWorkspaceAs(stack, owner.token, name);
    callers.push({ key: await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] }), workspaceId, name });
  }
});
afterAll(async () => {
  await stack?.stop();
});

it('identical queries sent at once by two workspaces each get their own workspace', async () => {
  const query = '{ workspace { id name } }';
  const responses = await Promise.all(
    Array.from({ length: 40 }, (_, index) => {
      const caller = callers[index % 2];
      return stack.request({ query, headers: { 'x-api-key': caller.key.secret, 'x-workspace-id': caller.workspaceId } }).then((response) => ({ caller, response }));
    }),
  );
  for (const { caller, response } of responses) {
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { workspace: { id: caller.workspaceId, name: caller.name } }, extensions: expect.anything() as unknown });
  }
});

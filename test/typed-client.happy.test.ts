// The typed client of examples/typed-client/ (operations typed by GraphQL Code Generator
// from schema/api.graphql) against a real gateway: it signs in, reads the viewer, pages a
// connection backwards and keeps the answer of a query one of whose fields is denied. Its
// generated code matching the schema is `npm run check`'s job (`graphql-codegen --check`);
// its types, tsc's.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tour } from '../examples/typed-client/tour.js';
import { createContentTypesAs, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { startStack, type TestStack } from './testkit.js';

let stack: TestStack;
let user: SignedUpUser;

beforeAll(async () => {
  stack = await startStack();
  user = await signUp(stack, 'Typed Client');
  const workspaceId = await createWorkspaceAs(stack, user.token, 'Typed');
  await createContentTypesAs(stack, user.token, workspaceId, ['article', 'author', 'book', 'chapter', 'draft']);
});
afterAll(async () => {
  await stack?.stop();
});

it('signs in, reads the viewer, pages backwards, and keeps the answer around a denied field', async () => {
  const result = await tour(stack.gatewayUrl, user.email, user.password, 2);
  expect(result.viewer).toEqual({ credentialKind: 'SESSION', userName: 'Typed Client', workspaceName: 'Typed', canEditContentTypes: true });
  // Last page first, each page in the API's order (oldest first).
  expect(result.pagesBackwards).toEqual([['Chapter', 'Draft'], ['Author', 'Book'], ['Article']]);
  expect(result.denied).toEqual({ workspaceName: 'Typed', apiKeys: null, apiKeysError: 'INSUFFICIENT_SCOPE' });
});

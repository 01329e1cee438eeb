// With identity down: a malformed key is still refused with 401 (proof that no lookup
// is needed for it), and a well-formed one gets 503, never a misleading 401.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateCredential } from '../lib/api-key-format.js';
import { errorCodes, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
  await stack.stopSubgraph('identity');
});
afterAll(async () => {
  await stack?.stop();
});

it('refuses a malformed key without asking identity', async () => {
  const key = generateCredential('user_key');
  const response = await stack.request({ query: '{ workspace { id } }', headers: { 'x-api-key': `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}` } });
  expect(response.status).toBe(401);
  expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
});

it('answers 503 when a well-formed credential cannot be checked', async () => {
  const response = await stack.request({ query: '{ workspace { id } }', headers: { 'x-api-key': generateCredential('user_key') } });
  expect(response.status).toBe(503);
  expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(response.headers.get('x-correlation-id')).toBeTruthy();
});

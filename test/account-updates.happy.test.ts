// updateWorkspace and updateMe: an owner or admin renames the workspace and describes it;
// a user renames themself with a session or a user key granted keys:write. Each change is
// audited with what changed; bad input, a missing scope or a workspace key change nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, createUserKey, createWorkspaceAs, createWorkspaceKey, signUp } from './identity-seeds.js';
import { errorCodes, selectRows, startStack, type TestStack } from './testkit.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const UPDATE_WORKSPACE = 'mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { workspace { id name description } } }';
const UPDATE_ME = 'mutation($input: UpdateMeInput!) { updateMe(input: $input) { user { id name } } }';

/** The audit events of a record, oldest first, once the outbox relay has delivered `count` of them. */
async function auditedChanges(targetId: string, action: string, count: number): Promise<unknown[]> {
  const rows = () =>
    selectRows<{ changes: unknown; workspace_id: string | null }>(stack.database.url, 'select changes, workspace_id from audit.audit_events where target_id = $1 and action = $2 order by created_at', [
      targetId,
      action,
    ]);
  await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(count);
  return (await rows()).map((row) => ({ workspaceId: row.workspace_id, changes: row.changes }));
}

it('renames and describes the workspace for an owner, audits what changed, and clears a blank description', async () => {
  const owner = await signUp(stack, 'Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Before');
  const headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };

  const changed = await stack.query({ query: UPDATE_WORKSPACE, variables: { input: { name: '  After  ', description: 'Where we write' } }, headers });
  expect(changed.updateWorkspace).toEqual({ workspace: { id: workspaceId, name: 'After', description: 'Where we write' } });
  expect((await stack.query({ query: '{ workspace { name description } }', headers })).workspace).toEqual({ name: 'After', description: 'Where we write' });
  // Omitted fields stay; a blank description removes it; an unchanged value records nothing.
  const cleared = await stack.query({ query: UPDATE_WORKSPACE, variables: { input: { description: '   ' } }, headers });
  expect(cleared.updateWorkspace.workspace).toEqual({ id: workspaceId, name: 'After', description: null });
  await stack.query({ query: UPDATE_WORKSPACE, variables: { input: { name: 'After' } }, headers });

  expect(await auditedChanges(workspaceId, 'workspace.updated', 2)).toEqual([
    {
      workspaceId,
      changes: [
        { field: 'description', old: null, new: 'Where we write' },
        { field: 'name', old: 'Before', new: 'After' },
      ],
    },
    { workspaceId, changes: [{ field: 'description', old: 'Where we write', new: null }] },
  ]);
});

it('refuses bad input, an editor and a key without workspaces:write, changing nothing', async () => {
  const owner = await signUp(stack, 'Owner');
  const workspaceId = await createWorkspaceAs(stack, owner.token, 'Kept');
  const headers = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const editor = await signUp(stack, 'Editor');
  const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers });
  const editorRole = roles.roles.nodes.find((role: { key: string }) => role.key === 'editor').id;
  await stack.query({ query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }', variables: { input: { email: editor.email, roleId: editorRole } }, headers });

  for (const [input, fieldErrors] of [
    [{ name: '' }, [{ field: 'name', reason: 'must be 1 to 100 characters' }]],
    [
      { name: 'n'.repeat(101), description: 'd'.repeat(1001) },
      [
        { field: 'name', reason: 'must be 1 to 100 characters' },
        { field: 'description', reason: 'must be at most 1000 characters' },
      ],
    ],
    [{ name: null }, [{ field: 'name', reason: 'cannot be null; omit it to keep the name' }]],
  ] as const) {
    const refused = await stack.request({ query: UPDATE_WORKSPACE, variables: { input }, headers });
    expect(errorCodes(refused), JSON.stringify(input)).toEqual(['BAD_USER_INPUT']);
    expect(refused.body.errors![0].extensions!.fieldErrors).toEqual(fieldErrors);
  }
  const asEditor = await stack.request({ query: UPDATE_WORKSPACE, variables: { input: { name: 'Taken' } }, headers: { ...bearer(editor.token), 'x-workspace-id': workspaceId } });
  expect(asEditor.status).toBe(403);
  expect(errorCodes(asEditor)).toEqual(['INSUFFICIENT_SCOPE']);
  const readKey = await createUserKey(stack, owner.token, { scopes: ['read'], workspaceIds: [workspaceId] });
  expect((await stack.request({ query: UPDATE_WORKSPACE, variables: { input: { name: 'Taken' } }, headers: { 'x-api-key': readKey.secret, 'x-workspace-id': workspaceId } })).status).toBe(403);

  expect((await stack.query({ query: '{ workspace { name description } }', headers })).workspace).toEqual({ name: 'Kept', description: null });
});

it('renames the user behind a session or a user key with keys:write, in their own trail', async () => {
  const user = await signUp(stack, 'Ada');
  const workspaceId = await createWorkspaceAs(stack, user.token, 'Home');
  const renamed = await stack.query({ query: UPDATE_ME, variables: { input: { name: ' Ada Lovelace ' } }, headers: bearer(user.token) });
  expect(renamed.updateMe).toEqual({ user: { id: user.userId, name: 'Ada Lovelace' } });
  // In a workspace too, whatever the role: every role holds keys:write.
  const key = await createUserKey(stack, user.token, { scopes: ['keys:write'], workspaceIds: [workspaceId] });
  const byKey = await stack.query({ query: UPDATE_ME, variables: { input: { name: 'Countess' } }, headers: { 'x-api-key': key.secret, 'x-workspace-id': workspaceId } });
  expect(byKey.updateMe.user.name).toBe('Countess');
  expect((await stack.query({ query: '{ me { name } }', headers: bearer(user.token) })).me.name).toBe('Countess');
  // Nothing to change, nothing recorded.
  await stack.query({ query: UPDATE_ME, variables: { input: {} }, headers: bearer(user.token) });

  expect(await auditedChanges(user.userId, 'user.updated', 2)).toEqual([
    { workspaceId: null, changes: [{ field: 'name', old: 'Ada', new: 'Ada Lovelace' }] },
    { workspaceId: null, changes: [{ field: 'name', old: 'Ada Lovelace', new: 'Countess' }] },
  ]);
});

it('refuses a read-only key, a workspace key and a bad name, changing nothing', async () => {
  const user = await signUp(stack, 'Grace');
  const workspaceId = await createWorkspaceAs(stack, user.token, 'Navy');
  const readKey = await createUserKey(stack, user.token, { scopes: ['read', 'write'], workspaceIds: [workspaceId] });
  const byReadKey = await stack.request({ query: UPDATE_ME, variables: { input: { name: 'Hacked' } }, headers: { 'x-api-key': readKey.secret } });
  expect(byReadKey.status).toBe(403);
  expect(errorCodes(byReadKey)).toEqual(['INSUFFICIENT_SCOPE']);
  const workspaceKey = await createWorkspaceKey(stack, user.token, workspaceId, { scopes: ['read', 'keys:write'] });
  const byWorkspaceKey = await stack.request({ query: UPDATE_ME, variables: { input: { name: 'Hacked' } }, headers: { 'x-api-key': workspaceKey.secret } });
  expect(errorCodes(byWorkspaceKey)).toEqual(['FORBIDDEN']);
  for (const name of ['', '   ', 'n'.repeat(101), null]) {
    const refused = await stack.request({ query: UPDATE_ME, variables: { input: { name } }, headers: bearer(user.token) });
    expect(errorCodes(refused), JSON.stringify(name)).toEqual(['BAD_USER_INPUT']);
  }
  expect((await stack.query({ query: '{ me { name } }', headers: bearer(user.token) })).me.name).toBe('Grace');
});

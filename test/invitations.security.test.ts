// Invitations are joined with their token only (issue 12, item 3): registering with the
// invited address attaches nothing; an expired, revoked, used, unknown or malformed token
// gets one and the same refusal and changes nothing; of two accepts at once exactly one
// joins; an invitation grants nothing its inviter may not grant (when it is made and when
// it is accepted); and the token never reaches an audit event, a request log or a log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCredential, hashCredential } from '../lib/api-key-format.js';
import { snapshotRows } from './authorization/database-snapshot.js';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { countRows, errorCodes, selectRows, startStack, type GraphQLResponse, type TestStack } from './testkit.js';

let stack: TestStack;
const logLines: string[] = [];
let owner: SignedUpUser;
let workspaceId: string;
let ownerHeaders: Record<string, string>;
let roleIds: Record<string, string>;

const INVITE = 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id } } }';
const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token) { workspace { id } } }';
const REVOKE = 'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id status } } }';
const UNUSABLE = 'This invitation cannot be accepted: it is unknown, expired, revoked or already used. Ask for a new one.';

let emails = 0;
const freshEmail = (label: string) => `${label}-${Date.now()}-${(emails += 1)}@example.com`;
const sessionIn = (user: SignedUpUser) => ({ ...bearer(user.token), 'x-workspace-id': workspaceId });

async function invite(email: string, role: string, headers = ownerHeaders): Promise<{ id: string; token: string }> {
  const data = await stack.query({ query: INVITE, variables: { input: { email, roleId: roleIds[role] } }, headers });
  return { id: data.inviteMember.invitation.id, token: data.inviteMember.token };
}

const accept = (token: string, user: SignedUpUser) => stack.request({ query: ACCEPT, variables: { token }, headers: bearer(user.token) });
const memberships = (user: SignedUpUser) => countRows(stack.database.url, 'select count(*) from identity.members where user_id = $1', [user.userId]);

/** The one refusal of an unusable token: same code, message and argument, whatever the reason. */
function expectUnusable(response: GraphQLResponse): void {
  expect(response.status).toBe(200);
  expect(response.body.data).toBeNull();
  expect(response.body.errors).toEqual([{ message: UNUSABLE, path: ['acceptInvitation'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'token', serviceName: 'identity' } }]);
}

beforeAll(async () => {
  // No background writes between two snapshots: key usage is reported only at shutdown, and
  // the outbox relay does not run (audit events stay in identity's outbox, searched below).
  stack = await startStack({ logLines, gateway: { keyUsageFlushMs: 3_600_000 }, runWorkers: false });
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Guarded');
  ownerHeaders = sessionIn(owner);
  const data = await stack.query({ query: '{ roles { nodes { id key } } }', headers: ownerHeaders });
  roleIds = Object.fromEntries(data.roles.nodes.map((role: { key: string; id: string }) => [role.key, role.id]));
});
afterAll(async () => {
  await stack?.stop();
});

describe('joining takes the token', () => {
  it('registering with the invited address joins nothing; the invitation stays pending for its token', async () => {
    const email = freshEmail('squatter');
    const invitation = await invite(email, 'admin');
    const registered = await stack.query({
      query: 'mutation($input: RegisterInput!) { register(input: $input) { token user { id } } }',
      variables: { input: { email, password: 'a-long-enough-password', name: 'Squatter' } },
    });
    const squatter: SignedUpUser = { userId: registered.register.user.id, email, password: 'a-long-enough-password', token: registered.register.token };
    expect(await memberships(squatter)).toBe(0);
    const inside = await stack.request({ query: '{ workspace { id } }', headers: sessionIn(squatter) });
    expect(errorCodes(inside)).toEqual(['FORBIDDEN']);
    const listed = await stack.query({ query: '{ invitations(filter: { status: PENDING }) { nodes { id } } }', headers: ownerHeaders });
    expect(listed.invitations.nodes).toContainEqual({ id: invitation.id });
  });

  it('refuses expired, revoked, used, unknown and malformed tokens with one identical answer, changing nothing', async () => {
    const expired = await invite(freshEmail('expired'), 'viewer');
    await selectRows(stack.database.url, "update identity.invitations set expires_at = now() - interval '1 second' where id = $1", [expired.id]);
    const revoked = await invite(freshEmail('revoked'), 'viewer');
    await stack.query({ query: REVOKE, variables: { id: revoked.id }, headers: ownerHeaders });
    const used = await invite(freshEmail('used'), 'viewer');
    const first = await signUp(stack, 'First');
    expect((await accept(used.token, first)).body.errors).toBeUndefined();

    const stranger = await signUp(stack, 'Stranger');
    const tokens = {
      expired: expired.token,
      revoked: revoked.token,
      used: used.token,
      unknown: generateCredential('invitation'),
      'malformed checksum': `${used.token.slice(0, -1)}${used.token.endsWith('A') ? 'B' : 'A'}`,
      'a session token': stranger.token,
      garbage: 'not a token',
    };
    for (const [reason, token] of Object.entries(tokens)) {
      const before = await snapshotRows(stack.database.url);
      const response = await accept(token, stranger);
      expectUnusable(response);
      expect(await snapshotRows(stack.database.url), `${reason} changed rows`).toEqual(before);
    }
    expect(await memberships(stranger)).toBe(0);
    const states = await selectRows<{ id: string; accepted_by_user_id: string | null }>(
      stack.database.url,
      'select id, accepted_by_user_id from identity.invitations where id = any($1::uuid[]) order by id',
      [[expired.id, revoked.id, used.id]],
    );
    expect(Object.fromEntries(states.map((row) => [row.id, row.accepted_by_user_id]))).toEqual({ [expired.id]: null, [revoked.id]: null, [used.id]: first.userId });
  });

  it('makes exactly one membership of two accepts at once, by two people or by one', async () => {
    const shared = await invite(freshEmail('race'), 'editor');
    const [left, right] = [await signUp(stack, 'Left'), await signUp(stack, 'Right')];
    const answers = await Promise.all([accept(shared.token, left), accept(shared.token, right)]);
    expect(answers.filter((answer) => !answer.body.errors).length).toBe(1);
    expectUnusable(answers.find((answer) => answer.body.errors)!);
    expect((await memberships(left)) + (await memberships(right))).toBe(1);

    const own = await invite(freshEmail('twice'), 'editor');
    const eager = await signUp(stack, 'Eager');
    const twice = await Promise.all([accept(own.token, eager), accept(own.token, eager), accept(own.token, eager)]);
    expect(twice.filter((answer) => !answer.body.errors).length).toBe(1);
    expect(await memberships(eager)).toBe(1);
    const joined = await countRows(stack.database.url, "select count(*) from identity.outbox_events where payload->>'action' = 'member.joined' and payload->>'actorUserId' = any($1::text[])", [
      [left.userId, right.userId, eager.userId],
    ]);
    expect(joined).toBe(2);
  });

  it('is refused to a member (their role stays), to an API key, and to a request without a credential', async () => {
    const member = await signUp(stack, 'Member');
    const viewer = await invite(member.email, 'viewer');
    expect((await accept(viewer.token, member)).body.errors).toBeUndefined();
    const promotion = await invite(freshEmail('promotion'), 'admin');
    const before = await snapshotRows(stack.database.url);
    const again = await accept(promotion.token, member);
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.body.errors![0].message).toMatch(/member of this workspace already/);
    expect(await snapshotRows(stack.database.url)).toEqual(before);

    const keyHolder = await signUp(stack, 'Key holder');
    const ownWorkspace = await createWorkspaceAs(stack, keyHolder.token, 'Own');
    const key = await createUserKey(stack, keyHolder.token, { scopes: ['read', 'keys:write', 'members:write'], workspaceIds: [ownWorkspace] });
    const byKey = await stack.request({ query: ACCEPT, variables: { token: promotion.token }, headers: { 'x-api-key': key.secret } });
    expect(errorCodes(byKey)).toEqual(['FORBIDDEN']);
    const anonymous = await stack.request({ query: ACCEPT, variables: { token: promotion.token } });
    expect(anonymous.status).toBe(401);
    expect(await memberships(keyHolder)).toBe(1);
    const state = await selectRows<{ accepted_at: Date | null }>(stack.database.url, 'select accepted_at from identity.invitations where id = $1', [promotion.id]);
    expect(state).toEqual([{ accepted_at: null }]);
  });
});

describe('no one invites above their own rights', () => {
  let admin: SignedUpUser;
  let recruiter: SignedUpUser;

  beforeAll(async () => {
    admin = await signUp(stack, 'Admin');
    expect((await accept((await invite(admin.email, 'admin')).token, admin)).body.errors).toBeUndefined();
    // A custom role that manages members and reads, without being an admin.
    const role = await stack.query({ query: 'mutation { createRole(input: { key: "recruiter", name: "Recruiter", permissions: [READ, MEMBERS_WRITE] }) { role { id } } }', headers: ownerHeaders });
    roleIds.recruiter = role.createRole.role.id;
    recruiter = await signUp(stack, 'Recruiter');
    expect((await accept((await invite(recruiter.email, 'recruiter')).token, recruiter)).body.errors).toBeUndefined();
  });

  async function refused(query: string, variables: Record<string, unknown>, headers: Record<string, string>, naming: RegExp): Promise<void> {
    const before = await snapshotRows(stack.database.url);
    const response = await stack.request({ query, variables, headers });
    expect(errorCodes(response), JSON.stringify(response.body)).toEqual(['FORBIDDEN']);
    expect(response.body.errors![0].message).toMatch(naming);
    expect(await snapshotRows(stack.database.url)).toEqual(before);
  }

  it("refuses inviteMember with a role beyond the inviter's, with FORBIDDEN and nothing written", async () => {
    await refused(INVITE, { input: { email: freshEmail('crown'), roleId: roleIds.owner } }, sessionIn(admin), /only an owner grants the owner role/);
    await refused(INVITE, { input: { email: freshEmail('climb'), roleId: roleIds.admin } }, sessionIn(recruiter), /you do not hold .*members:delete/);
    await refused(INVITE, { input: { email: freshEmail('editor'), roleId: roleIds.editor } }, sessionIn(recruiter), /you do not hold .*items:write/);
    // An admin's key narrower than the admin role grants no more than the key holds.
    const narrow = await createUserKey(stack, admin.token, { scopes: ['read', 'members:write'], workspaceIds: [workspaceId] });
    await refused(INVITE, { input: { email: freshEmail('narrow'), roleId: roleIds.editor } }, { 'x-api-key': narrow.secret }, /you do not hold/);
    // What one holds may be granted.
    expect(errorCodes(await stack.request({ query: INVITE, variables: { input: { email: freshEmail('peer'), roleId: roleIds.recruiter } }, headers: sessionIn(recruiter) }))).toEqual([]);
  });

  it('lets only an owner revoke an invitation for the owner role', async () => {
    const crown = await invite(freshEmail('heir'), 'owner');
    await refused(REVOKE, { id: crown.id }, sessionIn(admin), /Only an owner may revoke an invitation for an owner/);
    const revoked = await stack.query({ query: REVOKE, variables: { id: crown.id }, headers: ownerHeaders });
    expect(revoked.revokeInvitation).toEqual({ invitation: { id: crown.id, status: 'REVOKED' } });
  });

  it('makes an invitation unusable once its inviter may no longer grant its role', async () => {
    const pending = await invite(freshEmail('orphan'), 'admin', sessionIn(admin));
    await stack.query({
      query: 'mutation($id: ID!, $role: ID!) { updateMember(id: $id, input: { roleId: $role }) { member { id } } }',
      variables: { id: await memberIdOf(admin), role: roleIds.viewer },
      headers: ownerHeaders,
    });
    const joiner = await signUp(stack, 'Joiner');
    const before = await snapshotRows(stack.database.url);
    expectUnusable(await accept(pending.token, joiner));
    expect(await snapshotRows(stack.database.url)).toEqual(before);
    // Given the role back, the same token works: the invitation stayed pending.
    await stack.query({
      query: 'mutation($id: ID!, $role: ID!) { updateMember(id: $id, input: { roleId: $role }) { member { id } } }',
      variables: { id: await memberIdOf(admin), role: roleIds.admin },
      headers: ownerHeaders,
    });
    expect((await accept(pending.token, joiner)).body.errors).toBeUndefined();
  });
});

async function memberIdOf(user: SignedUpUser): Promise<string> {
  const [row] = await selectRows<{ id: string }>(stack.database.url, 'select id from identity.members where workspace_id = $1 and user_id = $2', [workspaceId, user.userId]);
  return row.id;
}

it('never lets a token (or its hash) into an audit event, a request log or a log line', async () => {
  // (The happy test reads the events as audit stored them.)
  const invitation = await invite(freshEmail('secret'), 'viewer');
  const revokedOne = await invite(freshEmail('secret-revoked'), 'viewer');
  await stack.query({ query: REVOKE, variables: { id: revokedOne.id }, headers: ownerHeaders });
  const invitee = await signUp(stack, 'Discreet');
  expect((await accept(invitation.token, invitee)).body.errors).toBeUndefined();
  expectUnusable(await accept(revokedOne.token, invitee));
  await expect
    .poll(() => countRows(stack.database.url, "select count(*) from audit.request_logs where root_fields @> array['acceptInvitation']"), { timeout: 10_000, interval: 50 })
    .toBeGreaterThanOrEqual(2);
  // The events audit would store, as the outbox holds them (the relay is off in this file).
  expect(await countRows(stack.database.url, "select count(*) from identity.outbox_events where payload->>'action' = 'invitation.accepted' and payload->>'targetId' = $1", [invitation.id])).toBe(1);
  const dump = JSON.stringify([await selectRows(stack.database.url, 'select * from audit.request_logs'), await selectRows(stack.database.url, 'select * from identity.outbox_events'), logLines]);
  for (const token of [invitation.token, revokedOne.token]) {
    for (const secret of [token, hashCredential(token), token.slice(4, 20)]) expect(dump.includes(secret), 'a token, its hash or part of it was recorded').toBe(false);
  }
  expect(logLines.length).toBeGreaterThan(0);
});

// An invitation attaches only to the invited address, verified (issues 9, 12 and 17):
// registering with the invited address attaches nothing until the address is proven (the
// hole of issue 9), a verified account with another address gets nothing with the token;
// an expired, revoked, used, replaced, unknown or malformed token gets one and the same
// refusal and changes nothing; of accepts at once exactly one joins; an invitation grants
// nothing its inviter may not grant (when it is made and when it is accepted), and only who
// may grant its role resends it; the token never reaches an audit event, a request log or a
// log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCredential, hashCredential } from '../lib/api-key-format.js';
import { snapshotRows } from './authorization/database-snapshot.js';
import { bearer, createUserKey, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { invitationMail, invitationToken, registerWith, verifyEmail } from './invitation-seeds.js';
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
const RESEND = 'mutation($id: ID!) { resendInvitation(id: $id) { invitation { id status } } }';
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

describe('joining takes the invited address, verified', () => {
  it('registering with the invited address joins nothing until it is verified; then accepting the mailed link joins (the hole of issue 9)', async () => {
    const email = freshEmail('squatter');
    const invitation = await invite(email, 'admin');
    const token = invitationToken(await invitationMail(stack, email));
    const squatter = await registerWith(stack, email, 'Squatter');
    expect(await memberships(squatter)).toBe(0);
    const inside = await stack.request({ query: '{ workspace { id } }', headers: sessionIn(squatter) });
    expect(errorCodes(inside)).toEqual(['FORBIDDEN']);

    // Holding the mailed token is not enough: the address must be proven first.
    const before = await snapshotRows(stack.database.url);
    const unverified = await accept(token, squatter);
    expect(errorCodes(unverified)).toEqual(['EMAIL_NOT_VERIFIED']);
    expect(unverified.body.errors![0].message).toMatch(/Verify your email address/);
    expect(await snapshotRows(stack.database.url)).toEqual(before);
    expect(await memberships(squatter)).toBe(0);
    const listed = await stack.query({ query: '{ invitations(filter: { status: PENDING }) { nodes { id } } }', headers: ownerHeaders });
    expect(listed.invitations.nodes).toContainEqual({ id: invitation.id });

    await verifyEmail(stack, squatter);
    expect((await accept(token, squatter)).body.errors).toBeUndefined();
    expect(await memberships(squatter)).toBe(1);
    expect((await stack.query({ query: '{ workspace { id } }', headers: sessionIn(squatter) })).workspace).toEqual({ id: workspaceId });
  });

  it('refuses the token to a verified account with another address, which joins nothing; the invitation stays pending for its address', async () => {
    const email = freshEmail('addressee');
    const invitation = await invite(email, 'editor');
    const other = await signUp(stack, 'Forwarded to');
    const before = await snapshotRows(stack.database.url);
    const refused = await accept(invitation.token, other);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.body.errors![0].message).toBe('This invitation was sent to another address; sign in with that address to accept it');
    // The refusal does not tell the bearer which address it was.
    expect(JSON.stringify(refused.body)).not.toContain(email.toLowerCase());
    expect(await snapshotRows(stack.database.url)).toEqual(before);
    expect(await memberships(other)).toBe(0);
    const addressee = await registerWith(stack, email, 'Addressee');
    await verifyEmail(stack, addressee);
    expect((await accept(invitation.token, addressee)).body.errors).toBeUndefined();
  });

  it('refuses expired, revoked, used, replaced, unknown and malformed tokens with one identical answer, changing nothing', async () => {
    const expired = await invite(freshEmail('expired'), 'viewer');
    await selectRows(stack.database.url, "update identity.invitations set expires_at = now() - interval '1 second' where id = $1", [expired.id]);
    const revoked = await invite(freshEmail('revoked'), 'viewer');
    await stack.query({ query: REVOKE, variables: { id: revoked.id }, headers: ownerHeaders });
    const first = await signUp(stack, 'First');
    const used = await invite(first.email, 'viewer');
    expect((await accept(used.token, first)).body.errors).toBeUndefined();
    const stranger = await signUp(stack, 'Stranger');
    // Even for its own address, a token replaced by resendInvitation opens nothing.
    const replaced = await invite(stranger.email, 'viewer');
    await stack.query({ query: RESEND, variables: { id: replaced.id }, headers: ownerHeaders });

    const tokens = {
      expired: expired.token,
      revoked: revoked.token,
      used: used.token,
      'replaced by a resend': replaced.token,
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
      [[expired.id, revoked.id, used.id, replaced.id]],
    );
    expect(Object.fromEntries(states.map((row) => [row.id, row.accepted_by_user_id]))).toEqual({ [expired.id]: null, [revoked.id]: null, [used.id]: first.userId, [replaced.id]: null });
  });

  it('makes exactly one membership of accepts at once, and lets in only the invited address of two people racing', async () => {
    const [left, right] = [await signUp(stack, 'Left'), await signUp(stack, 'Right')];
    const shared = await invite(left.email, 'editor');
    const answers = await Promise.all([accept(shared.token, left), accept(shared.token, right)]);
    expect(answers[0].body.errors).toBeUndefined();
    // FORBIDDEN (another address) while the invitation is pending; the one unusable answer once the addressee's accept committed first.
    expect([['FORBIDDEN'], ['BAD_USER_INPUT']]).toContainEqual(errorCodes(answers[1]));
    expect([await memberships(left), await memberships(right)]).toEqual([1, 0]);

    const eager = await signUp(stack, 'Eager');
    const own = await invite(eager.email, 'editor');
    const thrice = await Promise.all([accept(own.token, eager), accept(own.token, eager), accept(own.token, eager)]);
    expect(thrice.filter((answer) => !answer.body.errors).length).toBe(1);
    for (const loser of thrice.filter((answer) => answer.body.errors)) expectUnusable(loser);
    expect(await memberships(eager)).toBe(1);
    const joined = await countRows(stack.database.url, "select count(*) from identity.outbox_events where payload->>'action' = 'member.joined' and payload->>'actorUserId' = any($1::text[])", [
      [left.userId, right.userId, eager.userId],
    ]);
    expect(joined).toBe(2);
  });

  it('is refused to a member (their role stays), to an API key, and to a request without a credential', async () => {
    const member = await signUp(stack, 'Member');
    // Invited as admin, then added as a viewer by another route before accepting.
    const promotion = await invite(member.email, 'admin');
    await stack.query({
      query: 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }',
      variables: { input: { email: member.email, roleId: roleIds.viewer } },
      headers: ownerHeaders,
    });
    const before = await snapshotRows(stack.database.url);
    const again = await accept(promotion.token, member);
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.body.errors![0].message).toMatch(/member of this workspace already/);
    expect(await snapshotRows(stack.database.url)).toEqual(before);

    const keyHolder = await signUp(stack, 'Key holder');
    const ownWorkspace = await createWorkspaceAs(stack, keyHolder.token, 'Own');
    const forKeyHolder = await invite(keyHolder.email, 'admin');
    const key = await createUserKey(stack, keyHolder.token, { scopes: ['read', 'keys:write', 'members:write'], workspaceIds: [ownWorkspace] });
    const byKey = await stack.request({ query: ACCEPT, variables: { token: forKeyHolder.token }, headers: { 'x-api-key': key.secret } });
    expect(errorCodes(byKey)).toEqual(['FORBIDDEN']);
    const anonymous = await stack.request({ query: ACCEPT, variables: { token: forKeyHolder.token } });
    expect(anonymous.status).toBe(401);
    expect(await memberships(keyHolder)).toBe(1);
    const state = await selectRows<{ accepted_at: Date | null }>(stack.database.url, 'select accepted_at from identity.invitations where id = any($1::uuid[])', [[promotion.id, forKeyHolder.id]]);
    expect(state).toEqual([{ accepted_at: null }, { accepted_at: null }]);
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

  it('lets only an owner resend or revoke an invitation for the owner role, and only who may grant its role resend one', async () => {
    const crown = await invite(freshEmail('heir'), 'owner');
    await refused(RESEND, { id: crown.id }, sessionIn(admin), /Cannot resend the invitation of .*: only an owner grants the owner role/);
    const editor = await invite(freshEmail('editor-resend'), 'editor');
    await refused(RESEND, { id: editor.id }, sessionIn(recruiter), /you do not hold .*items:write/);
    expect((await stack.query({ query: RESEND, variables: { id: crown.id }, headers: ownerHeaders })).resendInvitation).toEqual({ invitation: { id: crown.id, status: 'PENDING' } });
    await refused(REVOKE, { id: crown.id }, sessionIn(admin), /Only an owner may revoke an invitation for an owner/);
    const revoked = await stack.query({ query: REVOKE, variables: { id: crown.id }, headers: ownerHeaders });
    expect(revoked.revokeInvitation).toEqual({ invitation: { id: crown.id, status: 'REVOKED' } });
  });

  it('makes an invitation unusable once its inviter may no longer grant its role', async () => {
    const joiner = await signUp(stack, 'Joiner');
    const pending = await invite(joiner.email, 'admin', sessionIn(admin));
    await stack.query({
      query: 'mutation($id: ID!, $role: ID!) { updateMember(id: $id, input: { roleId: $role }) { member { id } } }',
      variables: { id: await memberIdOf(admin), role: roleIds.viewer },
      headers: ownerHeaders,
    });
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

it('never lets a token (or its hash) into an audit event, a request log or a log line; only the mail to the address carries it', async () => {
  // (The happy test reads the events as audit stored them.)
  const invitee = await signUp(stack, 'Discreet');
  const invitation = await invite(invitee.email, 'viewer');
  await stack.query({ query: RESEND, variables: { id: invitation.id }, headers: ownerHeaders });
  const resentMail = await invitationMail(stack, invitee.email, (await invitationMail(stack, invitee.email)).id);
  const revokedOne = await invite(freshEmail('secret-revoked'), 'viewer');
  await stack.query({ query: REVOKE, variables: { id: revokedOne.id }, headers: ownerHeaders });
  expect((await accept(invitationToken(resentMail), invitee)).body.errors).toBeUndefined();
  expectUnusable(await accept(revokedOne.token, invitee));
  await expect
    .poll(() => countRows(stack.database.url, "select count(*) from audit.request_logs where root_fields @> array['acceptInvitation']"), { timeout: 10_000, interval: 50 })
    .toBeGreaterThanOrEqual(2);
  // The events audit would store, as the outbox holds them (the relay is off in this file).
  expect(await countRows(stack.database.url, "select count(*) from identity.outbox_events where payload->>'action' = 'invitation.accepted' and payload->>'targetId' = $1", [invitation.id])).toBe(1);
  const dump = JSON.stringify([await selectRows(stack.database.url, 'select * from audit.request_logs'), await selectRows(stack.database.url, 'select * from identity.outbox_events'), logLines]);
  expect(await countRows(stack.database.url, "select count(*) from identity.outbox_events where payload->>'action' = 'invitation.resent' and payload->>'targetId' = $1", [invitation.id])).toBe(1);
  for (const token of [invitation.token, invitationToken(resentMail), revokedOne.token]) {
    for (const secret of [token, hashCredential(token), token.slice(4, 20)]) expect(dump.includes(secret), 'a token, its hash or part of it was recorded').toBe(false);
  }
  expect(logLines.length).toBeGreaterThan(0);
});

// Invitations through the gateway (issues 12 and 17): an admin invites an email with a role;
// the invitation is mailed there (over SMTP, read from the test's sink) with a link whose
// token lets the user with that email, once verified, join with the role, and their next
// request already works in the workspace. Invitations are resent, listed by state and paged;
// addMember mails one to an address no verified user holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_SETTINGS } from '../lib/mail/settings.js';
import { bearer, createWorkspaceAs, signUp, type SignedUpUser } from './identity-seeds.js';
import { invitationMail, invitationToken, registerWith, verifyEmail } from './invitation-seeds.js';
import { countRows, errorCodes, selectRows, startStack, type AssertedJson, type TestStack } from './testkit.js';

let stack: TestStack;
let owner: SignedUpUser;
let workspaceId: string;
let ownerHeaders: Record<string, string>;
let roleIds: Record<string, string>;

const INVITE = 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id email status expiresAt lastSentAt sendCount role { key } invitedBy { id } } } }';
const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token) { workspace { id name } } }';
const RESEND = 'mutation($id: ID!) { resendInvitation(id: $id) { invitation { id status expiresAt lastSentAt sendCount } } }';
const ADD = 'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id user { id } role { key } } invitation { id email status sendCount role { key } } } }';
const WEEK_MS = 7 * 24 * 3_600_000;

let emails = 0;
const freshEmail = (label: string) => `${label}-${Date.now()}-${(emails += 1)}@example.com`;

async function invite(email: string, role: string, expiresInHours?: number) {
  const data = await stack.query({ query: INVITE, variables: { input: { email, roleId: roleIds[role], expiresInHours } }, headers: ownerHeaders });
  return data.inviteMember as {
    token: string;
    invitation: { id: string; email: string; status: string; expiresAt: string; lastSentAt: string; sendCount: number; role: { key: string }; invitedBy: { id: string } };
  };
}

const accept = (token: string, user: SignedUpUser) => stack.request({ query: ACCEPT, variables: { token }, headers: bearer(user.token) });
const memberships = (user: SignedUpUser) => countRows(stack.database.url, 'select count(*) from identity.members where user_id = $1', [user.userId]);

beforeAll(async () => {
  stack = await startStack();
  owner = await signUp(stack, 'Owner');
  workspaceId = await createWorkspaceAs(stack, owner.token, 'Invited');
  ownerHeaders = { ...bearer(owner.token), 'x-workspace-id': workspaceId };
  const data = await stack.query({ query: '{ roles { nodes { id key } } }', headers: ownerHeaders });
  roleIds = Object.fromEntries(data.roles.nodes.map((role: { key: string; id: string }) => [role.key, role.id]));
});
afterAll(async () => {
  await stack?.stop();
});

describe('invite by mail and accept', () => {
  it('mails the invitation; its link lets the invited address in once verified, and the newcomer works in the workspace on their very next request', async () => {
    const email = freshEmail('Newcomer');
    const before = Date.now();
    const created = await invite(email, 'editor');
    expect(created.token).toMatch(/^ati_[0-9A-Za-z]{38}$/);
    expect(created.invitation).toMatchObject({ email: email.toLowerCase(), status: 'PENDING', sendCount: 1, role: { key: 'editor' }, invitedBy: { id: owner.userId } });
    expect(Date.parse(created.invitation.lastSentAt)).toBeGreaterThanOrEqual(before - 1000);
    // A week by default (INVITATION_TTL_HOURS).
    expect(DEFAULT_ACCOUNT_SETTINGS.invitationTtlHours).toBe(7 * 24);
    expect(Date.parse(created.invitation.expiresAt) - before).toBeGreaterThanOrEqual(WEEK_MS - 1000);
    expect(Date.parse(created.invitation.expiresAt) - Date.now()).toBeLessThanOrEqual(WEEK_MS);

    // The mail, over SMTP: who invited, to which workspace, with which role, the link and its expiry.
    const mail = await invitationMail(stack, email);
    expect(mail.to).toEqual([email.toLowerCase()]);
    expect(mail.subject).toBe(`Owner (${owner.email}) invited you to Invited on Atrium`);
    expect(mail.text).toContain('join the workspace "Invited" on Atrium as Editor');
    expect(mail.text).toContain('expires in 7 days');
    expect(mail.html).toContain('<strong>Invited</strong>');
    const link = mail.links.find((candidate) => candidate.includes('/account/invitation'))!;
    expect(link.startsWith(`${DEFAULT_ACCOUNT_SETTINGS.publicUrl}/account/invitation?token=`)).toBe(true);
    expect(invitationToken(mail)).toBe(created.token);

    const listed = await stack.request({ query: '{ invitations { nodes { id email status role { key } } } }', headers: ownerHeaders });
    expect(listed.body.data!.invitations.nodes).toContainEqual({ id: created.invitation.id, email: email.toLowerCase(), status: 'PENDING', role: { key: 'editor' } });
    expect(JSON.stringify(listed.body)).not.toContain(created.token.slice(4));

    // The invitee registers with the invited address and proves it.
    const invitee = await registerWith(stack, email, 'Invitee');
    await verifyEmail(stack, invitee);
    const workspaceCount = { query: '{ workspaces { totalCount } }', headers: bearer(invitee.token) };
    // Warms this gateway's cache of the session's principal (no workspace yet).
    expect(await stack.query(workspaceCount)).toEqual({ workspaces: { totalCount: 0 } });
    const accepted = await accept(invitationToken(mail), invitee);
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data!.acceptInvitation).toEqual({ workspace: { id: workspaceId, name: 'Invited' } });

    // Read-your-writes: the cached principal was dropped, the next request sees the membership.
    expect(await stack.query(workspaceCount)).toEqual({ workspaces: { totalCount: 1 } });
    const inside = await stack.query({
      query: '{ workspace { id } members(filter: { search: "Invitee" }) { nodes { id user { id } role { key } } } }',
      headers: { ...bearer(invitee.token), 'x-workspace-id': workspaceId },
    });
    expect(inside).toEqual({ workspace: { id: workspaceId }, members: { nodes: [{ id: expect.any(String), user: { id: invitee.userId }, role: { key: 'editor' } }] } });
    const memberId = (inside as { members: { nodes: { id: string }[] } }).members.nodes[0].id;

    const after = await stack.query({
      query: '{ invitations(filter: { status: ACCEPTED }) { nodes { id status acceptedAt acceptedBy { id } revokedAt } } }',
      headers: ownerHeaders,
    });
    expect(after.invitations.nodes).toEqual([{ id: created.invitation.id, status: 'ACCEPTED', acceptedAt: expect.any(String), acceptedBy: { id: invitee.userId }, revokedAt: null }]);
    // Delivered to audit (the outbox relay runs), with what changed and never the token.
    const trail = () =>
      selectRows<{ action: string; changes: unknown }>(stack.database.url, 'select action, changes from audit.audit_events where target_id = any($1::text[]) order by action', [
        [created.invitation.id, memberId],
      ]);
    await expect.poll(async () => (await trail()).map((event) => event.action), { timeout: 10_000, interval: 50 }).toEqual(['invitation.accepted', 'invitation.created', 'member.joined']);
    expect(JSON.stringify(await trail())).not.toContain(created.token.slice(4));
  });

  it('takes the role the inviter chose and a lifetime of 1 to 720 hours, which the mail states', async () => {
    const viewer = await signUp(stack, 'Viewer');
    const created = await invite(viewer.email, 'viewer', 2);
    expect(Math.abs(Date.parse(created.invitation.expiresAt) - (Date.now() + 2 * 3_600_000))).toBeLessThan(60_000);
    expect((await invitationMail(stack, viewer.email)).text).toContain('expires in 2 hours');
    expect((await accept(created.token, viewer)).body.errors).toBeUndefined();
    const role = await selectRows<{ key: string }>(stack.database.url, 'select r.key from identity.members m join identity.roles r on r.id = m.role_id where m.user_id = $1', [viewer.userId]);
    expect(role).toEqual([{ key: 'viewer' }]);
    for (const hours of [0, 721]) {
      const refused = await stack.request({ query: INVITE, variables: { input: { email: freshEmail('bounds'), roleId: roleIds.viewer, expiresInHours: hours } }, headers: ownerHeaders });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.body.errors![0].extensions!.fieldErrors).toEqual([{ field: 'expiresInHours', reason: 'must be 1 to 720 hours' }]);
    }
  });
});

describe('resending', () => {
  it('mails a new token with a new expiry: the old token stops working, the new one joins, and the inviter sees it was sent twice', async () => {
    const email = freshEmail('resend');
    const created = await invite(email, 'editor', 1);
    const first = await invitationMail(stack, email);
    const resent = await stack.query({ query: RESEND, variables: { id: created.invitation.id }, headers: ownerHeaders });
    const invitation = resent.resendInvitation.invitation;
    expect(invitation).toMatchObject({ id: created.invitation.id, status: 'PENDING', sendCount: 2 });
    expect(Date.parse(invitation.lastSentAt)).toBeGreaterThanOrEqual(Date.parse(created.invitation.lastSentAt));
    // A new expiry: the deployment's lifetime from now, whatever the first one was.
    expect(Math.abs(Date.parse(invitation.expiresAt) - (Date.now() + WEEK_MS))).toBeLessThan(60_000);

    const second = await invitationMail(stack, email, first.id);
    expect(second.text).toContain('expires in 7 days');
    expect(invitationToken(second)).not.toBe(invitationToken(first));

    const invitee = await registerWith(stack, email, 'Resent');
    await verifyEmail(stack, invitee);
    const old = await accept(invitationToken(first), invitee);
    expect(errorCodes(old)).toEqual(['BAD_USER_INPUT']);
    expect(await memberships(invitee)).toBe(0);
    expect((await accept(invitationToken(second), invitee)).body.errors).toBeUndefined();
    expect(await memberships(invitee)).toBe(1);
    await expect
      .poll(
        async () =>
          (await selectRows<{ action: string }>(stack.database.url, 'select action from audit.audit_events where target_id = $1 order by created_at, action', [created.invitation.id])).map(
            (row) => row.action,
          ),
        {
          timeout: 10_000,
          interval: 50,
        },
      )
      .toEqual(['invitation.created', 'invitation.resent', 'invitation.accepted']);
  });

  it('renews an expired invitation, and refuses accepted and revoked ones with BAD_USER_INPUT', async () => {
    const expired = await invite(freshEmail('expired-resend'), 'viewer');
    await selectRows(stack.database.url, "update identity.invitations set expires_at = now() - interval '1 minute' where id = $1", [expired.invitation.id]);
    const renewed = await stack.query({ query: RESEND, variables: { id: expired.invitation.id }, headers: ownerHeaders });
    expect(renewed.resendInvitation.invitation).toMatchObject({ status: 'PENDING', sendCount: 2 });

    const revoked = await invite(freshEmail('revoked-resend'), 'viewer');
    await stack.query({ query: 'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id } } }', variables: { id: revoked.invitation.id }, headers: ownerHeaders });
    const joiner = await signUp(stack, 'Joined');
    const accepted = await invite(joiner.email, 'viewer');
    expect((await accept(accepted.token, joiner)).body.errors).toBeUndefined();
    for (const [id, reason] of [
      [revoked.invitation.id, /revoked/],
      [accepted.invitation.id, /accepted already/],
    ] as const) {
      const refused = await stack.request({ query: RESEND, variables: { id }, headers: ownerHeaders });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.body.errors![0].message).toMatch(reason);
      expect(refused.body.errors![0].extensions!.argumentName).toBe('id');
    }
    // One moved from a pending member has no inviter on record: the resender becomes it, so it can be accepted.
    const heir = await signUp(stack, 'Moved');
    const moved = await invite(heir.email, 'viewer');
    await selectRows(stack.database.url, 'update identity.invitations set invited_by_user_id = null, invited_by_key_id = null, send_count = 0, last_sent_at = null where id = $1', [
      moved.invitation.id,
    ]);
    const movedResent = await stack.query({ query: RESEND, variables: { id: moved.invitation.id }, headers: ownerHeaders });
    expect(movedResent.resendInvitation.invitation).toMatchObject({ status: 'PENDING', sendCount: 1 });
    const movedMail = await invitationMail(stack, heir.email, (await invitationMail(stack, heir.email)).id);
    expect(movedMail.subject).toContain(`Owner (${owner.email})`);
    expect((await accept(invitationToken(movedMail), heir)).body.errors).toBeUndefined();

    const counts = await selectRows<{ send_count: number }>(stack.database.url, 'select send_count from identity.invitations where id = any($1::uuid[])', [
      [revoked.invitation.id, accepted.invitation.id],
    ]);
    expect(counts).toEqual([{ send_count: 1 }, { send_count: 1 }]);
  });
});

describe('addMember', () => {
  it('mails an invitation to an address without an account, and adds nobody', async () => {
    const email = freshEmail('unknown');
    const members = await countRows(stack.database.url, 'select count(*) from identity.members where workspace_id = $1', [workspaceId]);
    const added = await stack.query({ query: ADD, variables: { input: { email, roleId: roleIds.editor } }, headers: ownerHeaders });
    expect(added.addMember).toEqual({ member: null, invitation: { id: expect.any(String), email: email.toLowerCase(), status: 'PENDING', sendCount: 1, role: { key: 'editor' } } });
    expect(await countRows(stack.database.url, 'select count(*) from identity.members where workspace_id = $1', [workspaceId])).toBe(members);
    const mail = await invitationMail(stack, email);
    expect(mail.text).toContain('as Editor');
    // The mailed token works for the address once it has an account and proves it.
    const invitee = await registerWith(stack, email, 'Added later');
    await verifyEmail(stack, invitee);
    expect((await accept(invitationToken(mail), invitee)).body.errors).toBeUndefined();
    expect(await memberships(invitee)).toBe(1);
  });

  it('mails an invitation to an account whose email is not verified, rather than adding it', async () => {
    const email = freshEmail('unproven');
    const unproven = await registerWith(stack, email, 'Unproven');
    const added = await stack.query({ query: ADD, variables: { input: { email, roleId: roleIds.viewer } }, headers: ownerHeaders });
    expect(added.addMember.member).toBeNull();
    expect(added.addMember.invitation).toMatchObject({ email, status: 'PENDING' });
    expect(await memberships(unproven)).toBe(0);
    await invitationMail(stack, email);
  });

  it('adds a user whose email is verified at once, and mails nothing', async () => {
    const colleague = await signUp(stack, 'Colleague');
    const added = await stack.query({ query: ADD, variables: { input: { email: colleague.email, roleId: roleIds.editor } }, headers: ownerHeaders });
    expect(added.addMember).toEqual({ member: { id: expect.any(String), user: { id: colleague.userId }, role: { key: 'editor' } }, invitation: null });
    expect(await memberships(colleague)).toBe(1);
    expect(stack.mail.messages().filter((mail) => mail.to.includes(colleague.email) && / invited you to /.test(mail.subject))).toEqual([]);
  });
});

describe('the invitations list', () => {
  it('lists every state, filters by one, and pages with cursors', async () => {
    const pending = await invite(freshEmail('pending'), 'viewer');
    const revoked = await invite(freshEmail('revoked'), 'viewer');
    const expired = await invite(freshEmail('expired'), 'viewer');
    const revokedAnswer = await stack.query({
      query: 'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id status revokedAt } } }',
      variables: { id: revoked.invitation.id },
      headers: ownerHeaders,
    });
    expect(revokedAnswer.revokeInvitation).toEqual({ invitation: { id: revoked.invitation.id, status: 'REVOKED', revokedAt: expect.any(String) } });
    await selectRows(stack.database.url, "update identity.invitations set expires_at = now() - interval '1 minute' where id = $1", [expired.invitation.id]);

    const byStatus = async (status: string) =>
      (
        await stack.query({
          query: 'query($status: InvitationStatus) { invitations(first: 100, filter: { status: $status }) { totalCount nodes { id status } } }',
          variables: { status },
          headers: ownerHeaders,
        })
      ).invitations as { totalCount: number; nodes: { id: string; status: string }[] };
    const all = await byStatus(null as unknown as string);
    for (const status of ['PENDING', 'REVOKED', 'EXPIRED', 'ACCEPTED']) {
      const filtered = await byStatus(status);
      expect(
        filtered.nodes.every((node) => node.status === status),
        status,
      ).toBe(true);
      expect(filtered.totalCount, status).toBe(all.nodes.filter((node) => node.status === status).length);
    }
    expect((await byStatus('PENDING')).nodes.map((node) => node.id)).toContain(pending.invitation.id);
    expect((await byStatus('REVOKED')).nodes.map((node) => node.id)).toContain(revoked.invitation.id);
    expect((await byStatus('EXPIRED')).nodes.map((node) => node.id)).toEqual([expired.invitation.id]);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: AssertedJson = await stack.query({
        query: 'query($after: String) { invitations(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
        variables: { after },
        headers: ownerHeaders,
      });
      seen.push(...page.invitations.nodes.map((node: { id: string }) => node.id));
      after = page.invitations.pageInfo.hasNextPage ? page.invitations.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.nodes.map((node) => node.id));
    expect(new Set(seen).size).toBe(all.totalCount);
  });

  it('lets an email be invited again once its invitation is revoked or expired, not while one is pending', async () => {
    const email = freshEmail('again');
    const first = await invite(email, 'viewer');
    const twice = await stack.request({ query: INVITE, variables: { input: { email, roleId: roleIds.editor } }, headers: ownerHeaders });
    expect(errorCodes(twice)).toEqual(['BAD_USER_INPUT']);
    expect(twice.body.errors![0].extensions!.fieldErrors).toEqual([{ field: 'email', reason: 'has a pending invitation' }]);
    await stack.query({ query: 'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id } } }', variables: { id: first.invitation.id }, headers: ownerHeaders });
    const second = await invite(email, 'editor');
    await selectRows(stack.database.url, "update identity.invitations set expires_at = now() - interval '1 minute' where id = $1", [second.invitation.id]);
    const third = await invite(email, 'viewer');
    expect(new Set([first.token, second.token, third.token]).size).toBe(3);
  });

  it('revokes the pending invitations of a role that is deleted', async () => {
    const created = await stack.query({ query: 'mutation { createRole(input: { key: "temporary", name: "Temporary", permissions: [READ] }) { role { id } } }', headers: ownerHeaders });
    const roleId = created.createRole.role.id as string;
    const joiner = await signUp(stack, 'Late');
    const invited = await stack.query({ query: INVITE, variables: { input: { email: joiner.email, roleId } }, headers: ownerHeaders });
    await stack.query({ query: 'mutation($id: ID!) { deleteRole(id: $id) { deletedId } }', variables: { id: roleId }, headers: ownerHeaders });
    const listed = await stack.query({ query: '{ invitations(first: 100, filter: { status: REVOKED }) { nodes { id role { key } } } }', headers: ownerHeaders });
    expect(listed.invitations.nodes).toContainEqual({ id: invited.inviteMember.invitation.id, role: null });
    const refused = await stack.request({ query: ACCEPT, variables: { token: invited.inviteMember.token }, headers: bearer(joiner.token) });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(await countRows(stack.database.url, 'select count(*) from identity.members where user_id = $1', [joiner.userId])).toBe(0);
  });

  it('counts invitations in the deletion preview, and deleting the workspace removes them', async () => {
    const disposable = await createWorkspaceAs(stack, owner.token, 'Short-lived');
    const headers = { ...bearer(owner.token), 'x-workspace-id': disposable };
    const roles = await stack.query({ query: '{ roles { nodes { id key } } }', headers });
    const viewer = roles.roles.nodes.find((role: { key: string }) => role.key === 'viewer').id;
    await stack.query({ query: INVITE, variables: { input: { email: freshEmail('gone'), roleId: viewer } }, headers });
    expect(await stack.query({ query: '{ workspaceDeletionPreview { members invitations } }', headers })).toEqual({ workspaceDeletionPreview: { members: 1, invitations: 1 } });
    await stack.query({ query: 'mutation { deleteWorkspace(confirmName: "Short-lived") { deletedId } }', headers });
    expect(await countRows(stack.database.url, 'select count(*) from identity.invitations where workspace_id = $1', [disposable])).toBe(0);
  });
});

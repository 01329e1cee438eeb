// Members of the current workspace: who they are, their role and since when; pending
// invitations with their state. With `manageMembers`: invite by email with a role, resend
// or revoke an invitation, change a member's role (the API's refusal shown as it says it),
// remove a member after a confirmation. Nobody changes or removes themself here.
import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { graphql } from '../gql';
import type { MembersListQuery } from '../gql/graphql';
import { describeError, request } from '../api';
import { ErrorNotice, Loading, Notice } from '../components/states';
import { formatRelative, formatTime, TIME_ZONE } from '../time';
import { AdminPage, READ_AFRESH, type AdminContext } from './admin/AdminPage';
import { ConfirmDialog } from './admin/ConfirmDialog';
import './admin/admin.css';

const MembersListDocument = graphql(`
  query MembersList($after: String) {
    members(first: 50, after: $after) {
      nodes {
        id
        createdAt
        user {
          id
          name
          email
        }
        role {
          id
          key
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MembersRolesDocument = graphql(`
  query MembersRoles {
    roles(first: 100) {
      nodes {
        id
        key
        name
      }
    }
  }
`);

const MembersInvitationsDocument = graphql(`
  query MembersInvitations {
    pending: invitations(first: 100, filter: { status: PENDING }) {
      nodes {
        ...MembersInvitation
      }
    }
    expired: invitations(first: 100, filter: { status: EXPIRED }) {
      nodes {
        ...MembersInvitation
      }
    }
  }
  fragment MembersInvitation on Invitation {
    id
    email
    status
    createdAt
    expiresAt
    lastSentAt
    sendCount
    role {
      id
      name
    }
    invitedBy {
      id
      name
    }
  }
`);

const MembersInviteDocument = graphql(`
  mutation MembersInvite($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      invitation {
        id
        email
        expiresAt
      }
    }
  }
`);

const MembersResendInvitationDocument = graphql(`
  mutation MembersResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      invitation {
        id
        expiresAt
      }
    }
  }
`);

const MembersRevokeInvitationDocument = graphql(`
  mutation MembersRevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      invitation {
        id
        status
      }
    }
  }
`);

const MembersChangeRoleDocument = graphql(`
  mutation MembersChangeRole($id: ID!, $input: UpdateMemberInput!) {
    updateMember(id: $id, input: $input) {
      member {
        id
        role {
          id
          key
          name
        }
      }
    }
  }
`);

const MembersRemoveDocument = graphql(`
  mutation MembersRemove($id: ID!) {
    removeMember(id: $id) {
      deletedId
    }
  }
`);

type MemberRow = NonNullable<MembersListQuery['members']>['nodes'][number];
type RoleOption = { readonly id: string; readonly key: string; readonly name: string };

function memberName(member: MemberRow): string {
  return member.user?.name ?? member.user?.email ?? 'A former user';
}

export function Members() {
  return (
    <AdminPage title="Members" intro="Who belongs to this workspace, with which role, and who is invited.">
      {(context) => <MembersBody {...context} />}
    </AdminPage>
  );
}

function MembersBody({ viewer, workspaceId, workspaceName, userId }: AdminContext) {
  const manage = viewer.can.manageMembers;
  const roles = useQuery({
    queryKey: ['members-roles', workspaceId],
    enabled: manage,
    queryFn: async () => (await request(MembersRolesDocument)).roles?.nodes ?? [],
  });
  return (
    <>
      {manage && <InviteForm workspaceId={workspaceId} roles={roles.data} rolesError={roles.error} />}
      <MemberTable workspaceId={workspaceId} workspaceName={workspaceName} userId={userId} manage={manage} roles={roles.data} />
      <Invitations workspaceId={workspaceId} manage={manage} />
    </>
  );
}

function InviteForm({ workspaceId, roles, rolesError }: { workspaceId: string; roles: readonly RoleOption[] | undefined; rolesError: unknown }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [roleId, setRoleId] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const chosenRole = roleId || roles?.find((role) => role.key === 'viewer')?.id || roles?.[0]?.id || '';
  const invite = useMutation({
    mutationFn: (input: { email: string; roleId: string }) => request(MembersInviteDocument, { input }),
    onSuccess: (answer, input) => {
      const invitation = answer.inviteMember.invitation;
      setSent(invitation ? `Invitation mailed to ${invitation.email}; it can be accepted until ${formatTime(invitation.expiresAt)}.` : `Invitation mailed to ${input.email}.`);
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['members-invitations', workspaceId] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    invite.mutate({ email: email.trim(), roleId: chosenRole });
  }

  return (
    <section aria-labelledby="invite-title" className="admin-section">
      <h2 id="invite-title">Invite someone</h2>
      <p className="hint">They get a mail with a link; they join with this role once they accept it with a verified account at that address.</p>
      {rolesError !== null && <ErrorNotice error={rolesError} />}
      <form className="inline-form" onSubmit={submit}>
        <div className="form-row">
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" type="email" required autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="form-row">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" required value={chosenRole} onChange={(event) => setRoleId(event.target.value)} disabled={!roles}>
            {!roles && <option value="">Loading roles…</option>}
            {roles?.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row form-row-button">
          <button type="submit" className="primary" disabled={invite.isPending || !chosenRole}>
            {invite.isPending ? 'Sending…' : 'Send invitation'}
          </button>
        </div>
      </form>
      {invite.isError && <ErrorNotice error={invite.error} />}
      {sent && <Notice kind="success">{sent}</Notice>}
    </section>
  );
}

function MemberTable({ workspaceId, workspaceName, userId, manage, roles }: { workspaceId: string; workspaceName: string; userId: string; manage: boolean; roles: readonly RoleOption[] | undefined }) {
  const queryClient = useQueryClient();
  const queryKey = ['members-list', workspaceId];
  const members = useInfiniteQuery({
    ...READ_AFRESH,
    queryKey,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => (await request(MembersListDocument, { after: pageParam })).members,
    getNextPageParam: (page) => (page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
  });
  const [outcome, setOutcome] = useState<{ kind: 'success'; text: string } | { kind: 'error'; text: string } | null>(null);
  const [removing, setRemoving] = useState<MemberRow | null>(null);

  const changeRole = useMutation({
    mutationFn: ({ member, roleId }: { member: MemberRow; roleId: string }) => request(MembersChangeRoleDocument, { id: member.id, input: { roleId } }),
    onMutate: () => setOutcome(null),
    onSuccess: (answer, { member, roleId }) => {
      const role = answer.updateMember.member?.role ?? roles?.find((candidate) => candidate.id === roleId) ?? null;
      queryClient.setQueryData<InfiniteData<MembersListQuery['members']>>(queryKey, (data) =>
        data ? { ...data, pages: data.pages.map((page) => page && { ...page, nodes: page.nodes.map((node) => (node.id === member.id ? { ...node, role } : node)) }) } : data,
      );
      setOutcome({ kind: 'success', text: `${memberName(member)} is now ${role?.name ?? 'in the new role'}.` });
    },
    onError: (error, { member }) => setOutcome({ kind: 'error', text: `Could not change the role of ${memberName(member)}: ${describeError(error)}` }),
  });

  const remove = useMutation({
    mutationFn: (member: MemberRow) => request(MembersRemoveDocument, { id: member.id }),
    onSuccess: (_answer, member) => {
      setRemoving(null);
      setOutcome({ kind: 'success', text: `${memberName(member)} was removed from ${workspaceName}.` });
      void queryClient.invalidateQueries({ queryKey });
    },
  });

  const rows = members.data?.pages.flatMap((page) => page?.nodes ?? []) ?? [];
  return (
    <section aria-labelledby="members-title" className="admin-section">
      <h2 id="members-title">Members</h2>
      {outcome?.kind === 'success' && <Notice kind="success">{outcome.text}</Notice>}
      {outcome?.kind === 'error' && (
        <div className="notice notice-error" role="alert">
          <p>{outcome.text}</p>
        </div>
      )}
      {members.isPending && <Loading what="members" />}
      {members.isError && <ErrorNotice error={members.error} retry={() => void members.refetch()} />}
      {members.isSuccess && rows.length === 0 && <Notice>No members to show. Invite someone above to get started.</Notice>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              Members of {workspaceName}; times in {TIME_ZONE}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {manage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => {
                const self = member.user?.id === userId;
                const changing = changeRole.isPending && changeRole.variables?.member.id === member.id;
                return (
                  <tr key={member.id}>
                    <td>
                      {memberName(member)}
                      {self && <span className="badge you">you</span>}
                    </td>
                    <td className="wrap-anywhere">{member.user?.email ?? '—'}</td>
                    <td>
                      {manage && !self && roles ? (
                        <select
                          aria-label={`Role of ${memberName(member)}`}
                          value={member.role?.id ?? ''}
                          disabled={changing}
                          onChange={(event) => changeRole.mutate({ member, roleId: event.target.value })}
                        >
                          {!member.role && <option value="">(no role)</option>}
                          {roles.map((role) => (
                            <option key={role.id} value={role.id}>
                              {role.name}
                            </option>
                          ))}
                        </select>
                      ) : (
                        (member.role?.name ?? '—')
                      )}
                    </td>
                    <td>
                      <time dateTime={member.createdAt} title={formatTime(member.createdAt, true)}>
                        {formatTime(member.createdAt)}
                      </time>
                    </td>
                    {manage && (
                      <td>
                        {!self && (
                          <button type="button" className="link danger-link" onClick={() => setRemoving(member)}>
                            Remove<span className="visually-hidden"> {memberName(member)}</span>
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {members.hasNextPage && (
        <p>
          <button type="button" onClick={() => void members.fetchNextPage()} disabled={members.isFetchingNextPage}>
            {members.isFetchingNextPage ? 'Loading…' : 'Show more members'}
          </button>
        </p>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${memberName(removing)}?`}
          confirmLabel="Remove member"
          busy={remove.isPending}
          error={remove.isError ? <ErrorNotice error={remove.error} /> : undefined}
          onConfirm={() => remove.mutate(removing)}
          onCancel={() => {
            setRemoving(null);
            remove.reset();
          }}
        >
          <p>
            {memberName(removing)} ({removing.user?.email}) leaves {workspaceName}. Their API keys stop working in this workspace at once. To bring them back, invite them again.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function Invitations({ workspaceId, manage }: { workspaceId: string; manage: boolean }) {
  const queryClient = useQueryClient();
  const queryKey = ['members-invitations', workspaceId];
  const invitations = useQuery({
    ...READ_AFRESH,
    queryKey,
    queryFn: async () => {
      const answer = await request(MembersInvitationsDocument);
      return [...(answer.pending?.nodes ?? []), ...(answer.expired?.nodes ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  });
  const [outcome, setOutcome] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; email: string } | null>(null);
  const resend = useMutation({
    mutationFn: (invitation: { id: string; email: string }) => request(MembersResendInvitationDocument, { id: invitation.id }),
    onMutate: () => setOutcome(null),
    onSuccess: (_answer, invitation) => {
      setOutcome(`Invitation mailed again to ${invitation.email}, with a new link (the old one no longer works).`);
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (invitation: { id: string; email: string }) => request(MembersRevokeInvitationDocument, { id: invitation.id }),
    onSuccess: (_answer, invitation) => {
      setRevoking(null);
      setOutcome(`The invitation of ${invitation.email} is revoked: its link no longer works.`);
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  const now = Date.now();
  return (
    <section aria-labelledby="invitations-title" className="admin-section">
      <h2 id="invitations-title">Invitations</h2>
      <p className="hint">Invitations not accepted yet. Times in {TIME_ZONE}.</p>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      {resend.isError && <ErrorNotice error={resend.error} />}
      {invitations.isPending && <Loading what="invitations" />}
      {invitations.isError && <ErrorNotice error={invitations.error} retry={() => void invitations.refetch()} />}
      {invitations.isSuccess && invitations.data.length === 0 && <Notice>No invitation is waiting.{manage ? ' Invite someone with the form above.' : ''}</Notice>}
      {invitations.isSuccess && invitations.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Invitations not accepted yet</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sent</th>
                <th scope="col">Expires</th>
                {manage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {invitations.data.map((invitation) => (
                <tr key={invitation.id}>
                  <td className="wrap-anywhere">{invitation.email}</td>
                  <td>{invitation.role?.name ?? '—'}</td>
                  <td>
                    <span className={`badge ${invitation.status === 'PENDING' ? 'badge-warning' : 'badge-error'}`}>{invitation.status === 'PENDING' ? 'Pending' : 'Expired'}</span>
                  </td>
                  <td>
                    {invitation.lastSentAt ? <time dateTime={invitation.lastSentAt}>{formatTime(invitation.lastSentAt)}</time> : '—'}
                    <span className="hint small"> ({invitation.sendCount === 1 ? 'sent once' : `sent ${invitation.sendCount} times`})</span>
                  </td>
                  <td>
                    <time dateTime={invitation.expiresAt} title={formatTime(invitation.expiresAt)}>
                      {formatRelative(invitation.expiresAt, now)}
                    </time>
                  </td>
                  {manage && (
                    <td>
                      <div className="row-actions">
                        <button type="button" className="link" onClick={() => resend.mutate(invitation)} disabled={resend.isPending}>
                          Resend<span className="visually-hidden"> the invitation of {invitation.email}</span>
                        </button>
                        <button type="button" className="link danger-link" onClick={() => setRevoking(invitation)}>
                          Revoke<span className="visually-hidden"> the invitation of {invitation.email}</span>
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke the invitation of ${revoking.email}?`}
          confirmLabel="Revoke invitation"
          busy={revoke.isPending}
          error={revoke.isError ? <ErrorNotice error={revoke.error} /> : undefined}
          onConfirm={() => revoke.mutate(revoking)}
          onCancel={() => {
            setRevoking(null);
            revoke.reset();
          }}
        >
          <p>The link mailed to {revoking.email} stops working at once. You can invite them again later.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

// Member groups of the current workspace and who is in each. Groups carry no permissions:
// they gather members (for filtering, for mail). With `manageGroups`: create, rename and
// delete a group, add a member to it, take one out.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { graphql } from '../gql';
import type { GroupsListQuery } from '../gql/graphql';
import { request } from '../api';
import { ErrorNotice, Loading, Notice } from '../components/states';
import { AdminPage, READ_AFRESH, type AdminContext } from './admin/AdminPage';
import { ConfirmDialog } from './admin/ConfirmDialog';
import './admin/admin.css';

const GroupsListDocument = graphql(`
  query GroupsList {
    memberGroups(first: 30) {
      nodes {
        id
        name
        description
        members(first: 50) {
          nodes {
            id
            user {
              id
              name
              email
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const GroupsMembersDocument = graphql(`
  query GroupsMembers {
    members(first: 100) {
      nodes {
        id
        user {
          id
          name
          email
        }
      }
    }
  }
`);

const GroupsCreateDocument = graphql(`
  mutation GroupsCreate($input: CreateMemberGroupInput!) {
    createMemberGroup(input: $input) {
      memberGroup {
        id
        name
      }
    }
  }
`);

const GroupsUpdateDocument = graphql(`
  mutation GroupsUpdate($id: ID!, $input: UpdateMemberGroupInput!) {
    updateMemberGroup(id: $id, input: $input) {
      memberGroup {
        id
        name
      }
    }
  }
`);

const GroupsDeleteDocument = graphql(`
  mutation GroupsDelete($id: ID!) {
    deleteMemberGroup(id: $id) {
      deletedId
    }
  }
`);

const GroupsAddUsersDocument = graphql(`
  mutation GroupsAddUsers($groupId: ID!, $userIds: [ID!]!) {
    addMemberGroupUsers(groupId: $groupId, userIds: $userIds) {
      memberGroup {
        id
      }
    }
  }
`);

const GroupsRemoveUsersDocument = graphql(`
  mutation GroupsRemoveUsers($groupId: ID!, $userIds: [ID!]!) {
    removeMemberGroupUsers(groupId: $groupId, userIds: $userIds) {
      memberGroup {
        id
      }
    }
  }
`);

type GroupRow = NonNullable<GroupsListQuery['memberGroups']>['nodes'][number];
interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export function Groups() {
  return (
    <AdminPage title="Member groups" intro="Groups gather members, for instance by team. They grant nothing: what a member may do comes from their role.">
      {(context) => <GroupsBody {...context} />}
    </AdminPage>
  );
}

function GroupsBody({ viewer, workspaceId }: AdminContext) {
  const manage = viewer.can.manageGroups;
  const groups = useQuery({ ...READ_AFRESH, queryKey: ['groups-list', workspaceId], queryFn: async () => (await request(GroupsListDocument)).memberGroups });
  const people = useQuery({
    ...READ_AFRESH,
    queryKey: ['groups-members', workspaceId],
    enabled: manage,
    queryFn: async () =>
      ((await request(GroupsMembersDocument)).members?.nodes ?? []).flatMap((member): Person[] => (member.user ? [{ id: member.user.id, name: member.user.name, email: member.user.email }] : [])),
  });
  const [outcome, setOutcome] = useState<string | null>(null);
  const nodes = groups.data?.nodes ?? [];
  return (
    <>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      {manage && <CreateGroup workspaceId={workspaceId} onDone={setOutcome} />}
      {people.isError && <ErrorNotice error={people.error} retry={() => void people.refetch()} />}
      <section aria-labelledby="groups-title" className="admin-section">
        <h2 id="groups-title">Groups</h2>
        {groups.isPending && <Loading what="groups" />}
        {groups.isError && <ErrorNotice error={groups.error} retry={() => void groups.refetch()} />}
        {groups.isSuccess && nodes.length === 0 && <Notice>No group yet.{manage ? ' Create one with the form above.' : ' An admin can create them.'}</Notice>}
        {nodes.length > 0 && (
          <ul className="role-list">
            {nodes.map((group) => (
              <GroupCard key={group.id} group={group} manage={manage} people={people.data} workspaceId={workspaceId} onDone={setOutcome} />
            ))}
          </ul>
        )}
        {groups.data?.pageInfo.hasNextPage && <p className="hint">Only the first 30 groups are shown.</p>}
      </section>
    </>
  );
}

function CreateGroup({ workspaceId, onDone }: { workspaceId: string; onDone: (text: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: (input: { name: string; description: string | null }) => request(GroupsCreateDocument, { input }),
    onSuccess: (_answer, input) => {
      onDone(`Group ${input.name} created.`);
      setName('');
      setDescription('');
      void queryClient.invalidateQueries({ queryKey: ['groups-list', workspaceId] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name: name.trim(), description: description.trim() || null });
  }
  return (
    <section aria-labelledby="create-group-title" className="admin-section">
      <h2 id="create-group-title">Create a group</h2>
      <form className="inline-form" onSubmit={submit}>
        <div className="form-row">
          <label htmlFor="group-name">Name</label>
          <input id="group-name" type="text" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="form-row">
          <label htmlFor="group-description">Description (optional)</label>
          <input id="group-description" type="text" maxLength={500} value={description} onChange={(event) => setDescription(event.target.value)} />
        </div>
        <div className="form-row form-row-button">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create group'}
          </button>
        </div>
      </form>
      {create.isError && <ErrorNotice error={create.error} />}
    </section>
  );
}

function GroupCard({ group, manage, people, workspaceId, onDone }: { group: GroupRow; manage: boolean; people: readonly Person[] | undefined; workspaceId: string; onDone: (text: string) => void }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['groups-list', workspaceId] });
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState('');
  const inGroup = (group.members?.nodes ?? []).flatMap((member) => (member.user ? [member.user] : []));
  const candidates = (people ?? []).filter((person) => !inGroup.some((user) => user.id === person.id));
  const chosen = candidates.some((person) => person.id === adding) ? adding : (candidates[0]?.id ?? '');

  const add = useMutation({
    mutationFn: (person: Person) => request(GroupsAddUsersDocument, { groupId: group.id, userIds: [person.id] }),
    onSuccess: async (_answer, person) => {
      await refresh();
      onDone(`${person.name} added to ${group.name}.`);
    },
  });
  const takeOut = useMutation({
    mutationFn: (user: Person) => request(GroupsRemoveUsersDocument, { groupId: group.id, userIds: [user.id] }),
    onSuccess: async (_answer, user) => {
      await refresh();
      onDone(`${user.name} taken out of ${group.name}.`);
    },
  });
  const remove = useMutation({
    mutationFn: () => request(GroupsDeleteDocument, { id: group.id }),
    onSuccess: async () => {
      setDeleting(false);
      await refresh();
      onDone(`Group ${group.name} deleted; its members stay in the workspace.`);
    },
  });
  const addId = `add-to-${group.id}`;

  return (
    <li className="card">
      {renaming ? (
        <RenameGroup
          group={group}
          onCancel={() => setRenaming(false)}
          onSaved={async (name) => {
            setRenaming(false);
            await refresh();
            onDone(`Group ${name} saved.`);
          }}
        />
      ) : (
        <>
          <div className="card-header">
            <h3>{group.name}</h3>
            <span className="badge">{inGroup.length === 1 ? '1 member' : `${inGroup.length} members`}</span>
          </div>
          {group.description && <p className="hint">{group.description}</p>}
        </>
      )}
      {inGroup.length === 0 ? (
        <p className="hint">Nobody is in this group yet.</p>
      ) : (
        <ul className="group-members" aria-label={`Members of ${group.name}`}>
          {inGroup.map((user) => (
            <li key={user.id}>
              <span className="wrap-anywhere">
                {user.name} <span className="hint small">{user.email}</span>
              </span>
              {manage && (
                <button type="button" className="link danger-link" onClick={() => takeOut.mutate(user)} disabled={takeOut.isPending}>
                  Take out
                  <span className="visually-hidden">
                    {' '}
                    {user.name} from {group.name}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {group.members?.pageInfo.hasNextPage && <p className="hint">Only the first 50 members of the group are shown.</p>}
      {takeOut.isError && <ErrorNotice error={takeOut.error} />}
      {manage && !renaming && (
        <>
          {people && candidates.length === 0 && <p className="hint">Every member is in this group.</p>}
          {candidates.length > 0 && (
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                const person = candidates.find((candidate) => candidate.id === chosen);
                if (person) add.mutate(person);
              }}
            >
              <div className="form-row">
                <label htmlFor={addId}>Add to {group.name}</label>
                <select id={addId} value={chosen} onChange={(event) => setAdding(event.target.value)}>
                  {candidates.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name} ({person.email})
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-row form-row-button">
                <button type="submit" disabled={add.isPending}>
                  {add.isPending ? 'Adding…' : 'Add'}
                  <span className="visually-hidden"> to {group.name}</span>
                </button>
              </div>
            </form>
          )}
          {add.isError && <ErrorNotice error={add.error} />}
          <div className="dialog-actions">
            <button type="button" onClick={() => setRenaming(true)}>
              Rename<span className="visually-hidden"> group {group.name}</span>
            </button>
            <button type="button" className="danger" onClick={() => setDeleting(true)}>
              Delete<span className="visually-hidden"> group {group.name}</span>
            </button>
          </div>
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete group ${group.name}?`}
          confirmLabel="Delete group"
          busy={remove.isPending}
          error={remove.isError ? <ErrorNotice error={remove.error} /> : undefined}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            setDeleting(false);
            remove.reset();
          }}
        >
          <p>The group goes away; its {inGroup.length === 1 ? 'member stays' : `${inGroup.length} members stay`} in the workspace with their roles.</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

function RenameGroup({ group, onCancel, onSaved }: { group: GroupRow; onCancel: () => void; onSaved: (name: string) => Promise<void> }) {
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description ?? '');
  const save = useMutation({
    mutationFn: () => request(GroupsUpdateDocument, { id: group.id, input: { name: name.trim(), description: description.trim() } }),
    onSuccess: () => onSaved(name.trim()),
  });
  const nameId = `group-name-${group.id}`;
  const descriptionId = `group-description-${group.id}`;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <div className="form-row">
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} type="text" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="form-row">
        <label htmlFor={descriptionId}>Description</label>
        <input id={descriptionId} type="text" maxLength={500} value={description} onChange={(event) => setDescription(event.target.value)} />
      </div>
      {save.isError && <ErrorNotice error={save.error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save group'}
        </button>
      </div>
    </form>
  );
}

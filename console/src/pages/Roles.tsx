// Roles of the current workspace, each with its permissions as a resource × action grid.
// Built-in roles are read-only here. With `manageRoles`: create a role, edit a custom one
// (name and permissions), delete one (moving its members to another role). A checkbox for a
// permission you do not hold is locked: nobody grants what they do not have.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { graphql } from '../gql';
import type { RolesListQuery, Scope } from '../gql/graphql';
import { request } from '../api';
import { ErrorNotice, Loading, Notice } from '../components/states';
import type { ViewerInfo } from '../viewer';
import { AdminPage, READ_AFRESH, type AdminContext } from './admin/AdminPage';
import { ConfirmDialog } from './admin/ConfirmDialog';
import { PermissionGrid } from './admin/PermissionGrid';
import { fineScopes } from './admin/permissions';
import './admin/admin.css';

const RolesListDocument = graphql(`
  query RolesList {
    roles(first: 100) {
      nodes {
        id
        key
        name
        builtIn
        permissions
        memberCount
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const RolesCreateDocument = graphql(`
  mutation RolesCreate($input: CreateRoleInput!) {
    createRole(input: $input) {
      role {
        id
        name
      }
    }
  }
`);

const RolesUpdateDocument = graphql(`
  mutation RolesUpdate($id: ID!, $input: UpdateRoleInput!) {
    updateRole(id: $id, input: $input) {
      role {
        id
        name
        permissions
      }
    }
  }
`);

const RolesDeleteDocument = graphql(`
  mutation RolesDelete($id: ID!, $replacementRoleId: ID) {
    deleteRole(id: $id, replacementRoleId: $replacementRoleId) {
      deletedId
    }
  }
`);

type RoleRow = NonNullable<RolesListQuery['roles']>['nodes'][number];

/** `Content Editors` → `content_editors`: a key the API accepts (^[a-z][a-z0-9_]*$). */
function keyFromName(name: string): string {
  const key = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return key.slice(0, 64);
}

function toggled(permissions: readonly Scope[], scope: Scope, granted: boolean): Scope[] {
  const rest = permissions.filter((candidate) => candidate !== scope);
  return granted ? [...rest, scope] : rest;
}

export function Roles() {
  return (
    <AdminPage title="Roles" intro="A member's role decides what they may read, write and delete in this workspace.">
      {(context) => <RolesBody {...context} />}
    </AdminPage>
  );
}

function RolesBody({ viewer, workspaceId }: AdminContext) {
  const manage = viewer.can.manageRoles;
  const roles = useQuery({ ...READ_AFRESH, queryKey: ['roles-list', workspaceId], queryFn: async () => (await request(RolesListDocument)).roles });
  const [outcome, setOutcome] = useState<string | null>(null);
  const nodes = roles.data?.nodes ?? [];
  return (
    <>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      {manage && <CreateRole workspaceId={workspaceId} viewer={viewer} onDone={setOutcome} />}
      <section aria-labelledby="roles-title" className="admin-section">
        <h2 id="roles-title">Roles</h2>
        {roles.isPending && <Loading what="roles" />}
        {roles.isError && <ErrorNotice error={roles.error} retry={() => void roles.refetch()} />}
        {roles.isSuccess && nodes.length === 0 && <Notice>This workspace has no roles to show.</Notice>}
        {nodes.length > 0 && (
          <ul className="role-list">
            {nodes.map((role) => (
              <RoleCard key={role.id} role={role} roles={nodes} manage={manage} viewer={viewer} workspaceId={workspaceId} onDone={setOutcome} />
            ))}
          </ul>
        )}
        {roles.data?.pageInfo.hasNextPage && <p className="hint">Only the first 100 roles are shown.</p>}
      </section>
    </>
  );
}

function CreateRole({ workspaceId, viewer, onDone }: { workspaceId: string; viewer: ViewerInfo; onDone: (text: string) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [key, setKey] = useState<string | null>(null);
  const [permissions, setPermissions] = useState<Scope[]>([]);
  const create = useMutation({
    mutationFn: (input: { name: string; key: string; permissions: Scope[] }) => request(RolesCreateDocument, { input }),
    onSuccess: (answer, input) => {
      onDone(`Role ${answer.createRole.role?.name ?? input.name} created.`);
      setName('');
      setKey(null);
      setPermissions([]);
      void queryClient.invalidateQueries({ queryKey: ['roles-list', workspaceId] });
    },
  });
  const effectiveKey = key ?? keyFromName(name);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name: name.trim(), key: effectiveKey, permissions });
  }

  return (
    <section aria-labelledby="create-role-title" className="admin-section">
      <h2 id="create-role-title">Create a role</h2>
      <form onSubmit={submit}>
        <div className="inline-form">
          <div className="form-row">
            <label htmlFor="role-name">Name</label>
            <input id="role-name" type="text" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="form-row">
            <label htmlFor="role-key">Key</label>
            <input id="role-key" type="text" required maxLength={64} pattern="[a-z][a-z0-9_]*" aria-describedby="role-key-hint" value={effectiveKey} onChange={(event) => setKey(event.target.value)} />
          </div>
        </div>
        <p className="hint" id="role-key-hint">
          The key names the role in the API: lower-case letters, digits and _, starting with a letter.
        </p>
        <fieldset>
          <legend>Permissions</legend>
          <p className="hint">You can grant only permissions you hold yourself.</p>
          <PermissionGrid
            caption="Permissions of the new role"
            permissions={permissions}
            onToggle={(scope, granted) => setPermissions((current) => toggled(current, scope, granted))}
            locked={(scope) => !viewer.holds(scope)}
          />
        </fieldset>
        {create.isError && <ErrorNotice error={create.error} />}
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create role'}
        </button>
      </form>
    </section>
  );
}

function RoleCard({
  role,
  roles,
  manage,
  viewer,
  workspaceId,
  onDone,
}: {
  role: RoleRow;
  roles: readonly RoleRow[];
  manage: boolean;
  viewer: ViewerInfo;
  workspaceId: string;
  onDone: (text: string) => void;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const editable = manage && !role.builtIn;
  const headingId = `role-${role.id}`;
  return (
    <li className="card">
      <div className="card-header">
        <h3 id={headingId}>{role.name}</h3>
        <span>
          {role.builtIn && <span className="badge">Built-in</span>} <span className="badge">{role.memberCount === 1 ? '1 member' : `${role.memberCount} members`}</span>
        </span>
      </div>
      <p className="hint">
        Key <code>{role.key}</code>
        {role.builtIn ? ' · built-in roles cannot be changed here.' : ''}
      </p>
      {editing ? (
        <RoleEditor
          role={role}
          viewer={viewer}
          onCancel={() => setEditing(false)}
          onSaved={(name) => {
            setEditing(false);
            onDone(`Role ${name} saved.`);
            void queryClient.invalidateQueries({ queryKey: ['roles-list', workspaceId] });
          }}
        />
      ) : (
        <>
          <PermissionGrid caption={`Permissions of ${role.name}`} permissions={role.permissions} />
          {editable && (
            <div className="dialog-actions">
              <button type="button" onClick={() => setEditing(true)}>
                Edit<span className="visually-hidden"> role {role.name}</span>
              </button>
              <button type="button" className="danger" onClick={() => setDeleting(true)}>
                Delete<span className="visually-hidden"> role {role.name}</span>
              </button>
            </div>
          )}
        </>
      )}
      {deleting && (
        <DeleteRole
          role={role}
          roles={roles}
          onCancel={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            onDone(`Role ${role.name} deleted.`);
            void queryClient.invalidateQueries({ queryKey: ['roles-list', workspaceId] });
          }}
        />
      )}
    </li>
  );
}

function RoleEditor({ role, viewer, onCancel, onSaved }: { role: RoleRow; viewer: ViewerInfo; onCancel: () => void; onSaved: (name: string) => void }) {
  const [name, setName] = useState(role.name);
  const [permissions, setPermissions] = useState<Scope[]>(() => fineScopes(role.permissions));
  const original = new Set(fineScopes(role.permissions));
  const save = useMutation({
    mutationFn: () => request(RolesUpdateDocument, { id: role.id, input: { name: name.trim(), permissions } }),
    onSuccess: () => onSaved(name.trim()),
  });
  const nameId = `role-name-${role.id}`;
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
      <fieldset>
        <legend>Permissions</legend>
        <PermissionGrid
          caption={`Permissions of ${role.name}, editable`}
          permissions={permissions}
          onToggle={(scope, granted) => setPermissions((current) => toggled(current, scope, granted))}
          locked={(scope) => !viewer.holds(scope) && !original.has(scope)}
        />
      </fieldset>
      {save.isError && <ErrorNotice error={save.error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save role'}
        </button>
      </div>
    </form>
  );
}

function DeleteRole({ role, roles, onCancel, onDeleted }: { role: RoleRow; roles: readonly RoleRow[]; onCancel: () => void; onDeleted: () => void }) {
  const others = roles.filter((candidate) => candidate.id !== role.id && candidate.key !== 'owner');
  const [replacement, setReplacement] = useState(others.find((candidate) => candidate.key === 'viewer')?.id ?? others[0]?.id ?? '');
  const remove = useMutation({
    mutationFn: () => request(RolesDeleteDocument, { id: role.id, replacementRoleId: role.memberCount > 0 ? replacement : null }),
    onSuccess: onDeleted,
  });
  const selectId = `replacement-${role.id}`;
  return (
    <ConfirmDialog
      title={`Delete role ${role.name}?`}
      confirmLabel="Delete role"
      busy={remove.isPending}
      error={remove.isError ? <ErrorNotice error={remove.error} /> : undefined}
      onConfirm={() => remove.mutate()}
      onCancel={onCancel}
    >
      {role.memberCount > 0 ? (
        <div className="form-row">
          <p>{role.memberCount === 1 ? 'One member holds' : `${role.memberCount} members hold`} this role. They move to the role you choose; invitations with this role are revoked.</p>
          <label htmlFor={selectId}>Move its members to</label>
          <select id={selectId} value={replacement} onChange={(event) => setReplacement(event.target.value)}>
            {others.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p>Nobody holds this role. Invitations with this role are revoked.</p>
      )}
    </ConfirmDialog>
  );
}

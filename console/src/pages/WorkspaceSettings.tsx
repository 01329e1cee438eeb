// The current workspace: its name and description (editable with `administerWorkspace`),
// what it holds (statistics), and, with `deleteWorkspace`, its deletion: what would go,
// counted, and a button that works only once the workspace's exact name is typed. After a
// deletion the session reads its workspaces again and moves to another one.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { graphql } from '../gql';
import type { WorkspaceSettingsQuery } from '../gql/graphql';
import { request } from '../api';
import { ErrorNotice, Loading, Notice } from '../components/states';
import { useSignedIn } from '../session';
import { formatTime, TIME_ZONE } from '../time';
import { AdminPage, READ_AFRESH, type AdminContext } from './admin/AdminPage';
import './admin/admin.css';

const WorkspaceSettingsDocument = graphql(`
  query WorkspaceSettings {
    workspace {
      id
      name
      description
      createdAt
      statistics {
        members
        contentTypes
        items
        apiKeys
      }
    }
  }
`);

const WorkspaceDeletionPreviewDocument = graphql(`
  query WorkspaceDeletionPreview {
    workspaceDeletionPreview {
      members
      invitations
      roles
      memberGroups
      apiKeys
      contentTypes
      contentFields
      items
      requestLogs
    }
  }
`);

const WorkspaceUpdateDocument = graphql(`
  mutation WorkspaceUpdate($input: UpdateWorkspaceInput!) {
    updateWorkspace(input: $input) {
      workspace {
        id
        name
        description
      }
    }
  }
`);

const WorkspaceDeleteDocument = graphql(`
  mutation WorkspaceDelete($confirmName: String!) {
    deleteWorkspace(confirmName: $confirmName) {
      deletedId
    }
  }
`);

type WorkspaceDetails = NonNullable<WorkspaceSettingsQuery['workspace']>;

const PREVIEW_ROWS = [
  ['members', 'Members'],
  ['invitations', 'Invitations'],
  ['roles', 'Roles'],
  ['memberGroups', 'Member groups'],
  ['apiKeys', 'API keys'],
  ['contentTypes', 'Content types'],
  ['contentFields', 'Content fields'],
  ['items', 'Items'],
  ['requestLogs', 'Request log entries'],
] as const;

export function WorkspaceSettings() {
  const [deleted, setDeleted] = useState<string | null>(null);
  return (
    <AdminPage title="Workspace" intro="This workspace's name, what it holds, and its deletion.">
      {(context) => (
        <>
          {deleted && <Notice kind="success">{deleted}</Notice>}
          <WorkspaceBody key={context.workspaceId} {...context} onDeleted={setDeleted} />
        </>
      )}
    </AdminPage>
  );
}

function WorkspaceBody({ viewer, workspaceId, onDeleted }: AdminContext & { onDeleted: (text: string) => void }) {
  const workspace = useQuery({ ...READ_AFRESH, queryKey: ['workspace-settings', workspaceId], queryFn: async () => (await request(WorkspaceSettingsDocument)).workspace });
  if (workspace.isPending) return <Loading what="the workspace" />;
  if (workspace.isError) return <ErrorNotice error={workspace.error} retry={() => void workspace.refetch()} />;
  if (!workspace.data) return <Notice>This workspace could not be found: pick another one in the workspace menu.</Notice>;
  const details = workspace.data;
  return (
    <>
      {viewer.can.administerWorkspace ? <EditWorkspace details={details} /> : <ShowWorkspace details={details} />}
      <Statistics details={details} />
      {viewer.can.deleteWorkspace && <DeleteWorkspace details={details} onDeleted={onDeleted} />}
    </>
  );
}

function ShowWorkspace({ details }: { details: WorkspaceDetails }) {
  return (
    <section aria-labelledby="about-title" className="admin-section">
      <h2 id="about-title">About</h2>
      <dl className="details">
        <dt>Name</dt>
        <dd>{details.name}</dd>
        <dt>Description</dt>
        <dd>{details.description ?? <span className="hint">None</span>}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={details.createdAt}>{formatTime(details.createdAt)}</time> <span className="hint small">({TIME_ZONE})</span>
        </dd>
      </dl>
    </section>
  );
}

function EditWorkspace({ details }: { details: WorkspaceDetails }) {
  const queryClient = useQueryClient();
  const { refreshWorkspaces } = useSignedIn();
  const [name, setName] = useState(details.name);
  const [description, setDescription] = useState(details.description ?? '');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => request(WorkspaceUpdateDocument, { input: { name: name.trim(), description: description.trim() } }),
    onMutate: () => setSaved(false),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['workspace-settings', details.id] });
      // The workspace menu shows the name too.
      await refreshWorkspaces();
      setSaved(true);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <section aria-labelledby="about-title" className="admin-section">
      <h2 id="about-title">About</h2>
      <form className="form-grid" onSubmit={submit}>
        <div className="form-row">
          <label htmlFor="workspace-name">Name</label>
          <input id="workspace-name" type="text" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="form-row">
          <label htmlFor="workspace-description">Description</label>
          <textarea id="workspace-description" rows={3} maxLength={1000} value={description} onChange={(event) => setDescription(event.target.value)} />
        </div>
        <p className="hint">
          Created <time dateTime={details.createdAt}>{formatTime(details.createdAt)}</time> ({TIME_ZONE}).
        </p>
        {save.isError && <ErrorNotice error={save.error} />}
        {saved && <Notice kind="success">Workspace saved.</Notice>}
        <div>
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save workspace'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Statistics({ details }: { details: WorkspaceDetails }) {
  const statistics = details.statistics;
  return (
    <section aria-labelledby="statistics-title" className="admin-section">
      <h2 id="statistics-title">What it holds</h2>
      {statistics ? (
        <dl className="statistics">
          <div>
            <dt>Members</dt>
            <dd>{statistics.members}</dd>
          </div>
          <div>
            <dt>Content types</dt>
            <dd>{statistics.contentTypes}</dd>
          </div>
          <div>
            <dt>Items</dt>
            <dd>{statistics.items}</dd>
          </div>
          <div>
            <dt>API keys</dt>
            <dd>{statistics.apiKeys}</dd>
          </div>
        </dl>
      ) : (
        <Notice>The statistics are not available right now: reload the page in a moment.</Notice>
      )}
    </section>
  );
}

function DeleteWorkspace({ details, onDeleted }: { details: WorkspaceDetails; onDeleted: (text: string) => void }) {
  const { refreshWorkspaces, workspaces } = useSignedIn();
  const [typed, setTyped] = useState('');
  const preview = useQuery({ ...READ_AFRESH, queryKey: ['workspace-deletion-preview', details.id], queryFn: async () => (await request(WorkspaceDeletionPreviewDocument)).workspaceDeletionPreview });
  const remove = useMutation({
    mutationFn: async () => {
      await request(WorkspaceDeleteDocument, { confirmName: typed });
      // The session reads its workspaces again and moves to another one (this page goes with the deleted one).
      await refreshWorkspaces();
    },
    onSuccess: () => {
      const others = workspaces.filter((workspace) => workspace.id !== details.id);
      onDeleted(others.length > 0 ? `Workspace ${details.name} was deleted. You are now in ${others[0].name}.` : `Workspace ${details.name} was deleted.`);
    },
  });
  const matches = typed === details.name;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (matches) remove.mutate();
  }
  return (
    <section aria-labelledby="delete-title" className="admin-section danger-zone">
      <h2 id="delete-title">Delete this workspace</h2>
      <p>Deleting {details.name} removes everything in it, for everyone, and cannot be undone. Its API keys stop working at once.</p>
      {preview.isPending && <Loading what="what would be deleted" />}
      {preview.isError && <ErrorNotice error={preview.error} retry={() => void preview.refetch()} />}
      {preview.isSuccess && !preview.data && <Notice>What would be deleted could not be counted right now: reload the page in a moment.</Notice>}
      {preview.data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">What deleting {details.name} would remove</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Would be deleted</th>
              </tr>
            </thead>
            <tbody>
              {PREVIEW_ROWS.map(([field, label]) => (
                <tr key={field}>
                  <th scope="row">{label}</th>
                  <td>{preview.data?.[field]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={submit}>
        <div className="form-row confirm-row">
          <label htmlFor="confirm-name">
            Type the workspace name, <strong className="wrap-anywhere">{details.name}</strong>, to confirm
          </label>
          <input id="confirm-name" type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} aria-describedby="confirm-name-hint" />
          <p className="hint" id="confirm-name-hint">
            {matches ? 'The name matches.' : 'The button works once the name matches exactly (capitals and spaces too).'}
          </p>
        </div>
        {remove.isError && <ErrorNotice error={remove.error} />}
        <button type="submit" className="danger" disabled={!matches || remove.isPending}>
          {remove.isPending ? 'Deleting…' : 'Delete this workspace'}
        </button>
      </form>
    </section>
  );
}

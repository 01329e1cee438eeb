// What the four admin pages share: the viewer's capabilities loaded before anything is
// drawn (every control is shown or hidden from them), the current workspace, and a page
// that says what to do when there is no workspace.
import type { ReactNode } from 'react';
import { ErrorNotice, Loading, Notice, Page } from '../../components/states';
import { useSignedIn } from '../../session';
import { useViewer, type ViewerInfo } from '../../viewer';

export interface AdminContext {
  readonly viewer: ViewerInfo;
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly userId: string;
}

export function AdminPage({ title, intro, children }: { title: string; intro?: ReactNode; children: (context: AdminContext) => ReactNode }) {
  const { workspaceId, workspaces, user } = useSignedIn();
  const viewer = useViewer();
  let body: ReactNode;
  if (workspaceId === null) body = <Notice>You are in no workspace yet: create one (createWorkspace in the playground) or ask an owner to invite you.</Notice>;
  else if (viewer.isPending) body = <Loading what="what you may do here" />;
  else if (viewer.isError) body = <ErrorNotice error={viewer.error} retry={() => void viewer.refetch()} />;
  else {
    const workspaceName = workspaces.find((workspace) => workspace.id === workspaceId)?.name ?? '';
    body = children({ viewer: viewer.data, workspaceId, workspaceName, userId: user.id });
  }
  return (
    <Page title={title} intro={intro}>
      {body}
    </Page>
  );
}

/** Admin lists are read afresh each time a page opens (other admins change them, people accept invitations), not from a cache of seconds ago. */
export const READ_AFRESH = { staleTime: 0 } as const;

// The Tokens page, the console's "Dev tab": your API keys (create with a description, an
// expiry, scopes from a grid of what you hold and the workspaces they may act in; rotate;
// revoke), the one-time panel that shows a new secret, and, for workspace admins, the
// current workspace's own keys. What is offered comes from `viewer`, never from trying.
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { request } from '../api';
import { ErrorNotice, Loading, Notice, Page } from '../components/states';
import { useSignedIn } from '../session';
import { TIME_ZONE } from '../time';
import { useViewer, type ViewerInfo } from '../viewer';
import { KeyForm, type NewKey } from './tokens/KeyForm';
import { KeyList, TOKENS_QUERY_KEY, useKeyPages } from './tokens/KeyList';
import { TokensCreateDocument, TokensListDocument } from './tokens/operations';
import { offeredScopes } from '../scopes';
import { SecretPanel, type RevealedSecret } from './tokens/SecretPanel';
import { WorkspaceKeys } from './tokens/WorkspaceKeys';
import './tokens.css';

/** Why the viewer may not create tokens here, or null when they may. */
function cannotCreateReason(viewer: ViewerInfo, hasWorkspace: boolean, workspaceName: string): string | null {
  if (!hasWorkspace) return 'Create or join a workspace first: a token acts in workspaces you belong to.';
  if (!viewer.can.createApiKeys) return `You cannot create tokens in ${workspaceName}: your role there does not include keys:write. Ask a workspace admin if you need one.`;
  return null;
}

export function Tokens() {
  const { workspaces, workspaceId } = useSignedIn();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const workspaceName = workspaces.find((workspace) => workspace.id === workspaceId)?.name ?? 'this workspace';
  const mayList = viewer.data?.holds('KEYS_READ') ?? false;

  const mine = useKeyPages(
    ['mine', workspaceId],
    async (first, after) => {
      const { apiKeys } = await request(TokensListDocument, { first, after });
      if (!apiKeys) return { totalCount: 0, hasNextPage: false, endCursor: null, nodes: [] };
      return { totalCount: apiKeys.totalCount, hasNextPage: apiKeys.pageInfo.hasNextPage, endCursor: apiKeys.pageInfo.endCursor, nodes: apiKeys.nodes };
    },
    mayList,
  );

  const reveal = (next: RevealedSecret) => {
    setCreating(false);
    setRevealed(next);
  };

  const dismiss = () => {
    // The secret leaves the page's state, and with it the DOM: nothing else kept it.
    setRevealed(null);
    listHeading.current?.focus();
  };

  async function create(key: NewKey) {
    const { createApiKey } = await request(TokensCreateDocument, { input: key });
    reveal({ title: 'Token created', description: key.description, secret: createApiKey.secret });
    await queryClient.invalidateQueries({ queryKey: TOKENS_QUERY_KEY });
  }

  const intro = (
    <>
      Tokens (API keys) let your scripts and services call the Atrium API as you: send the secret in <code>x-api-key</code> and the workspace in <code>x-workspace-id</code>. Times are in your zone,{' '}
      {TIME_ZONE}.
    </>
  );

  if (viewer.isPending) {
    return (
      <Page title="Tokens" intro={intro}>
        <Loading what="your permissions" />
      </Page>
    );
  }
  if (!viewer.data) {
    return (
      <Page title="Tokens" intro={intro}>
        <ErrorNotice error={viewer.error} retry={() => void viewer.refetch()} />
      </Page>
    );
  }

  const permissions = viewer.data;
  const reason = cannotCreateReason(permissions, workspaceId !== null, workspaceName);
  const offered = offeredScopes(permissions.holds);
  const hasKeys = (mine.data?.pages[0]?.nodes.length ?? 0) > 0;
  // With no key yet, the empty state offers the button instead.
  const showNewButton = reason === null && !creating && !revealed && (hasKeys || !mayList);

  return (
    <Page
      title="Tokens"
      intro={intro}
      actions={
        showNewButton && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New token
          </button>
        )
      }
    >
      {revealed && <SecretPanel revealed={revealed} onDismiss={dismiss} />}
      {reason && <Notice>{reason}</Notice>}
      {creating && reason === null && !revealed && (
        <KeyForm
          idPrefix="tokens-form"
          title="New token"
          submitLabel="Create token"
          offered={offered}
          workspaces={{ all: workspaces, preselected: workspaceId }}
          onSubmit={create}
          onCancel={() => setCreating(false)}
        />
      )}
      <section className="tokens-section" aria-labelledby="tokens-mine-title">
        <h2 id="tokens-mine-title" tabIndex={-1} ref={listHeading}>
          Your tokens
        </h2>
        {mayList ? (
          <KeyList
            what="your tokens"
            caption="Your tokens"
            query={mine}
            canRotate={(key) => permissions.can.createApiKeys && key.status === 'ACTIVE' && !key.rotatedTo}
            canRevoke={(key) => key.status === 'ACTIVE'}
            reveal={reveal}
            empty={
              <div className="tokens-empty">
                <p>
                  <strong>You have no tokens yet.</strong> A token lets a script, a CI job or another service call the API with the scopes you choose, in the workspaces you choose.
                </p>
                {reason === null && !creating && !revealed && (
                  <button type="button" className="primary" onClick={() => setCreating(true)}>
                    Create your first token
                  </button>
                )}
              </div>
            }
          />
        ) : (
          <Notice>Your role in {workspaceName} does not include keys:read, so your tokens cannot be listed here. Switch to another workspace, or ask a workspace admin.</Notice>
        )}
      </section>
      {permissions.can.manageWorkspaceKeys && workspaceId && (
        <WorkspaceKeys key={workspaceId} workspaceId={workspaceId} workspaceName={workspaceName} offered={offered} holds={permissions.holds} secretShown={revealed !== null} reveal={reveal} />
      )}
    </Page>
  );
}

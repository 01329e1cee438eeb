// The current workspace's own keys (no user behind them), for those who may manage them
// (viewer.can.manageWorkspaceKeys): the list, and a form for a new one.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { request } from '../../api';
import type { Scope } from '../../gql/graphql';
import { KeyForm, type NewKey } from './KeyForm';
import { KeyList, TOKENS_QUERY_KEY, useKeyPages } from './KeyList';
import { TokensCreateWorkspaceKeyDocument, TokensWorkspaceKeysDocument } from './operations';
import { holdsAll, type OfferedScopes } from '../../scopes';
import type { RevealedSecret } from './SecretPanel';

interface WorkspaceKeysProps {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly offered: OfferedScopes;
  readonly holds: (scope: Scope) => boolean;
  /** Whether a secret is on show (the form waits until it is dismissed). */
  readonly secretShown: boolean;
  readonly reveal: (revealed: RevealedSecret) => void;
}

export function WorkspaceKeys({ workspaceId, workspaceName, offered, holds, secretShown, reveal }: WorkspaceKeysProps) {
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const query = useKeyPages(['workspace', workspaceId], async (first, after) => {
    const { workspace } = await request(TokensWorkspaceKeysDocument, { first, after });
    const connection = workspace?.apiKeys;
    if (!connection) return { totalCount: 0, hasNextPage: false, endCursor: null, nodes: [] };
    return { totalCount: connection.totalCount, hasNextPage: connection.pageInfo.hasNextPage, endCursor: connection.pageInfo.endCursor, nodes: connection.nodes };
  });

  async function create(key: NewKey) {
    const { createWorkspaceKey } = await request(TokensCreateWorkspaceKeyDocument, { input: { description: key.description, expiresIn: key.expiresIn, scopes: key.scopes, client: key.client } });
    setCreating(false);
    reveal({ title: 'Workspace key created', description: key.description, secret: createWorkspaceKey.secret });
    await queryClient.invalidateQueries({ queryKey: TOKENS_QUERY_KEY });
  }

  // A workspace key is managed only by someone who holds every scope it has.
  const manageable = (key: { scopes: readonly Scope[]; status: string; rotatedTo: unknown }) => key.status === 'ACTIVE' && holdsAll(key.scopes, holds);

  return (
    <section className="tokens-section" aria-labelledby="tokens-workspace-title">
      <div className="tokens-section-header">
        <h2 id="tokens-workspace-title">Workspace keys of {workspaceName}</h2>
        {!creating && !secretShown && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New workspace key
          </button>
        )}
      </div>
      <p className="hint">Keys of the workspace itself, with no user behind them: they keep working when the person who made them leaves. As a workspace admin you see and manage all of them.</p>
      {creating && !secretShown && (
        <KeyForm idPrefix="tokens-workspace-form" title="New workspace key" submitLabel="Create workspace key" offered={offered} onSubmit={create} onCancel={() => setCreating(false)} />
      )}
      <KeyList
        what="the workspace's keys"
        caption={`Workspace keys of ${workspaceName}`}
        query={query}
        canRotate={(key) => manageable(key) && !key.rotatedTo}
        canRevoke={manageable}
        reveal={reveal}
        empty={<p className="tokens-empty-line">This workspace has no keys of its own yet.</p>}
      />
    </section>
  );
}

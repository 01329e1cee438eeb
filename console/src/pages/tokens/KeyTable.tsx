// A table of keys (yours, or the workspace's): what each is (and the client its requests are
// counted under), where and how long it works, when it was last used, and the rotate and
// revoke buttons the viewer may use on it.
import type { TokensKeyFieldsFragment } from '../../gql/graphql';
import { formatRelative, formatTime } from '../../time';
import { expiresSoon } from './expiry';
import { describeScopes } from '../../scopes';

type Key = TokensKeyFieldsFragment;

interface KeyTableProps {
  readonly caption: string;
  readonly keys: readonly Key[];
  readonly canRotate: (key: Key) => boolean;
  readonly canRevoke: (key: Key) => boolean;
  readonly onRotate: (key: Key) => void;
  readonly onRevoke: (key: Key) => void;
}

function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatRelative(iso)}>
      {formatTime(iso)}
    </time>
  );
}

function Expires({ apiKey }: { apiKey: Key }) {
  if (!apiKey.expiresAt) return <span className="badge">never</span>;
  return (
    <>
      <Time iso={apiKey.expiresAt} />
      {apiKey.status === 'ACTIVE' && expiresSoon(apiKey.expiresAt) && (
        <>
          {' '}
          <span className="badge badge-warning">expires {formatRelative(apiKey.expiresAt)}</span>
        </>
      )}
    </>
  );
}

function Status({ apiKey }: { apiKey: Key }) {
  const replacedBy = apiKey.rotatedTo && (
    <span className="tokens-cell-note">
      replaced by <code>{apiKey.rotatedTo.hint}</code>
    </span>
  );
  if (apiKey.status === 'ACTIVE' && apiKey.rotatedTo) {
    return (
      <>
        <span className="badge badge-warning">rotated, in grace period</span>
        {replacedBy}
      </>
    );
  }
  const badge = { ACTIVE: 'badge-ok', EXPIRED: 'badge-warning', REVOKED: 'badge-error' }[apiKey.status];
  return (
    <>
      <span className={`badge ${badge}`}>{apiKey.status.toLowerCase()}</span>
      {replacedBy}
    </>
  );
}

export function KeyTable({ caption, keys, canRotate, canRevoke, onRotate, onRevoke }: KeyTableProps) {
  return (
    // Focusable and named: a keyboard user scrolls the table sideways from here on narrow screens.
    <div className="table-wrap" role="region" aria-label={`${caption} (table)`} tabIndex={0}>
      <table className="tokens-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col">Kind</th>
            <th scope="col">Hint</th>
            <th scope="col">Scopes</th>
            <th scope="col">Workspaces</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((apiKey) => (
            <tr key={apiKey.id} data-key-id={apiKey.id}>
              <th scope="row" className="tokens-description">
                {apiKey.description}
                {apiKey.client && (
                  <span className="tokens-cell-note">
                    client <code>{apiKey.client}</code>
                  </span>
                )}
              </th>
              <td>{apiKey.kind === 'USER' ? 'user' : 'workspace'}</td>
              <td>
                <code>{apiKey.hint}</code>
              </td>
              <td className="tokens-scope-cell">{describeScopes(apiKey.scopes)}</td>
              <td>{apiKey.workspaces.map((workspace) => workspace.name).join(', ') || '—'}</td>
              <td>
                <Time iso={apiKey.createdAt} />
              </td>
              <td>
                <Expires apiKey={apiKey} />
              </td>
              <td>{apiKey.lastUsedAt ? <Time iso={apiKey.lastUsedAt} /> : 'never used'}</td>
              <td>
                <Status apiKey={apiKey} />
              </td>
              <td>
                <div className="tokens-actions">
                  {canRotate(apiKey) && (
                    <button type="button" onClick={() => onRotate(apiKey)} aria-label={`Rotate ${apiKey.description} (${apiKey.hint})`}>
                      Rotate
                    </button>
                  )}
                  {canRevoke(apiKey) && (
                    <button type="button" className="danger" onClick={() => onRevoke(apiKey)} aria-label={`Revoke ${apiKey.description} (${apiKey.hint})`}>
                      Revoke
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

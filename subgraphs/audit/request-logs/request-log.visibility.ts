// Who may read which request logs, in one place for the lists, the counts (request-log.service.ts)
// and node(id:) (node-loaders.ts), which state it in SQL and in MikroORM's filters respectively:
// with audit:read, every entry of the current workspace; otherwise only your own requests, those
// made as your user (your keys and sessions) or, for a workspace key, with the key itself.
import type { Principal } from '../../../lib/principal.js';
import { satisfiesAnyOf } from '../../../lib/scopes.js';

export interface RequestLogVisibility {
  /** audit:read: every entry of the current workspace. */
  readonly wholeWorkspace: boolean;
  /** The entries that are the principal's own: by the user behind it, or by the key itself; none for neither. */
  readonly own: { readonly by: 'user'; readonly id: string } | { readonly by: 'key'; readonly id: string } | null;
}

export function requestLogVisibility(principal: Pick<Principal, 'scopes' | 'userId' | 'keyId'>): RequestLogVisibility {
  const own = principal.userId ? ({ by: 'user', id: principal.userId } as const) : principal.keyId ? ({ by: 'key', id: principal.keyId } as const) : null;
  return { wholeWorkspace: satisfiesAnyOf(principal.scopes, [['audit:read']]), own };
}

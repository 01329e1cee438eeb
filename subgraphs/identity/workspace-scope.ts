// The workspace a request works in, for the services that only make sense inside one.
import { workspaceRequired } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';

export function requireWorkspaceId(principal: Principal): string {
  if (!principal.workspaceId) throw workspaceRequired();
  return principal.workspaceId;
}

// Who may call what is declared with @scopes; these guards only answer "is there a user
// behind this principal at all", which scopes cannot express.
import { forbidden, unauthenticated } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';

export function requireUserId(principal: Principal): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (!principal.userId) throw forbidden('Workspace keys have no user');
  return principal.userId;
}

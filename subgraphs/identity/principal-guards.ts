// Who may call what is declared with @scopes; these guards only answer "is there a user
// behind this principal at all", which scopes cannot express.
import { GraphQLError } from 'graphql';
import { ErrorCode, unauthenticated } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';

export function requireUserId(principal: Principal): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (!principal.userId) throw new GraphQLError('Workspace keys have no user', { extensions: { code: ErrorCode.FORBIDDEN } });
  return principal.userId;
}

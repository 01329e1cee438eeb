// The GraphQL `CredentialKind` enum, shared by the subgraphs that answer it (identity's
// Viewer, audit's RequestLog and AuditEvent). Each value's internal value is the wire kind
// of lib/principal.ts (`USER_KEY` ↔ `user_key`), as signed principals and stored rows hold it.
import { registerEnumType } from 'type-graphql';
import type { CredentialKind as WireCredentialKind } from './principal.js';

export const CredentialKind = {
  SESSION: 'session',
  USER_KEY: 'user_key',
  WORKSPACE_KEY: 'workspace_key',
  JWT: 'jwt',
} as const satisfies Record<string, WireCredentialKind>;

registerEnumType(CredentialKind, {
  name: 'CredentialKind',
  description: 'The kind of credential a request was made with.',
  valuesConfig: {
    SESSION: { description: 'A session token from createSession or register.' },
    USER_KEY: { description: "A user's API key: acts for its user, within the key's scopes and the user's role." },
    WORKSPACE_KEY: { description: 'A workspace key: acts for no user, in its one workspace, within its own scopes.' },
    JWT: { description: "A Bearer JWT from an identity provider the workspace trusts (trustIssuer): acts for the member whose verified email it carries, with that member's role." },
  },
});

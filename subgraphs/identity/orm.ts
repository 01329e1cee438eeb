// The identity subgraph's ORM definition: its schema, entities and committed migrations.
import type { SubgraphOrmDefinition } from '../../lib/orm.js';
import { AccountToken } from './accounts/account-token.entity.js';
import { ApiKey } from './api-keys/api-key.entity.js';
import { TrustedDocument } from './documents/trusted-document.entity.js';
import { MemberGroup } from './groups/member-group.entity.js';
import { MemberGroupUser } from './groups/member-group-user.entity.js';
import { Invitation } from './invitations/invitation.entity.js';
import { Member } from './members/member.entity.js';
import { migrations } from './migrations/index.js';
import { SeenNonce } from '../../lib/seen-nonces/seen-nonce.entity.js';
import { OutboxEvent } from '../../lib/outbox/outbox-event.entity.js';
import { Role } from './roles/role.entity.js';
import { SignInAttempt } from './sessions/sign-in-attempt.entity.js';
import { Session } from './sessions/session.entity.js';
import { User } from './users/user.entity.js';
import { UserIdentity } from './oidc/user-identity.entity.js';
import { Workspace } from './workspaces/workspace.entity.js';
import { TrustedIssuer } from './trusted-issuers/trusted-issuer.entity.js';

export const identityOrm: SubgraphOrmDefinition = {
  schema: 'identity',
  entities: [
    Workspace,
    User,
    Session,
    SignInAttempt,
    Role,
    Member,
    Invitation,
    MemberGroup,
    MemberGroupUser,
    ApiKey,
    TrustedDocument,
    TrustedIssuer,
    OutboxEvent,
    SeenNonce,
    AccountToken,
    UserIdentity,
  ],
  migrations,
};

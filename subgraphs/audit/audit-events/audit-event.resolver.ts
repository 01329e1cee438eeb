// auditEvents (the workspace's trail), User.auditEvents (what a user did; `me { auditEvents }`)
// and the change summary of an event.
import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { forbidden } from '../../../lib/errors.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { AuditContext } from '../context.js';
import { ApiKey, resolveApiKeyReference } from '../request-logs/api-key.reference.js';
import { User } from '../users/user.reference.js';
import { Workspace } from '../workspaces/workspace.reference.js';
import { AuditChange, AuditEvent } from './audit-event.entity.js';
import { AuditEventFilter } from './audit-event.input.js';

export const AuditEventConnection = ConnectionType(AuditEvent, 'AuditEvent');

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Directive(scopes(['audit:read']))
  @Query(() => AuditEventConnection, { nullable: true, description: 'Changes made in the current workspace, newest first; by default those of the last 24 hours.' })
  auditEvents(
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Actor, action, target, time range.' }) filter: AuditEventFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: AuditContext,
  ): Promise<Connection<AuditEvent>> {
    return context.auditEvents.inWorkspace(filter, page);
  }

  @FieldResolver(() => Workspace, { nullable: true, description: 'The workspace changed; null for changes to an account (sign-up, sessions, user keys made outside a workspace).' })
  workspace(@Root() event: AuditEvent): Workspace | null {
    return event.workspaceId ? Object.assign(new Workspace(), { id: event.workspaceId }) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who made the change, if any (none for a workspace key).' })
  actor(@Root() event: AuditEvent): User | null {
    return event.actorUserId ? Object.assign(new User(), { id: event.actorUserId }) : null;
  }

  @FieldResolver(() => ApiKey, {
    nullable: true,
    description: "The API key the change was made with, if any; null also for a key you may not see (another user's), as `apiKey(id:)` answers. Its fields need `keys:read`.",
  })
  apiKey(@Root() event: AuditEvent): ApiKey | null {
    return event.actorKeyId ? resolveApiKeyReference({ id: event.actorKeyId }) : null;
  }

  @FieldResolver(() => [AuditChange], { description: 'What changed, field by field (values of sensitive fields are never kept).' })
  changes(@Root() event: AuditEvent): AuditChange[] {
    return event.changes.map((change) => ({
      field: change.field,
      old: change.old ?? null,
      new: change.new ?? null,
      valuesHidden: !('old' in change) && !('new' in change),
    }));
  }
}

@Resolver(() => User)
export class UserAuditEventsResolver {
  @Directive(scopes(['audit:read']))
  @FieldResolver(() => AuditEventConnection, { nullable: true, description: 'What this user did, newest first: changes to their account and in the workspaces the credential may use. Only your own.' })
  auditEvents(
    @Root() user: User,
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Actor, action, target, time range.' }) filter: AuditEventFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: AuditContext,
  ): Promise<Connection<AuditEvent>> {
    if (!context.principal.userId || user.id !== context.principal.userId) {
      throw forbidden('Only your own audit trail can be read here; use auditEvents with audit:read for a workspace');
    }
    return context.auditEvents.ofUser(user.id, filter, page);
  }
}

// What the audit trail says in words: each action ("API key created"), each target type and
// each kind of credential. Typed as records over the schema's enums, so an action added to
// the API fails the console's type check until it has a label here.
import type { AuditAction, AuditTargetType, CredentialKind } from '../../gql/graphql';

export const TARGET_TYPE_LABELS: Readonly<Record<AuditTargetType, string>> = {
  USER: 'User',
  SESSION: 'Session',
  WORKSPACE: 'Workspace',
  API_KEY: 'API key',
  MEMBER: 'Member',
  INVITATION: 'Invitation',
  ROLE: 'Role',
  MEMBER_GROUP: 'Member group',
  CONTENT_TYPE: 'Content type',
  CONTENT_FIELD: 'Content field',
  ITEM: 'Item',
  TRUSTED_DOCUMENT: 'Trusted document',
  TRUSTED_ISSUER: 'Trusted issuer',
};

/** Every action with its words, grouped by the type of record it is about (the order of the filter's list). */
export const ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  USER_REGISTERED: 'Account registered',
  USER_UPDATED: 'Account updated',
  USER_PASSWORD_CHANGED: 'Password changed',
  USER_VERIFICATION_REQUESTED: 'Email verification requested',
  USER_EMAIL_VERIFIED: 'Email verified',
  USER_EMAIL_CHANGE_REQUESTED: 'Email change requested',
  USER_EMAIL_CHANGED: 'Email changed',
  USER_PASSWORD_RESET_REQUESTED: 'Password reset requested',
  USER_PASSWORD_RESET: 'Password reset',
  USER_OIDC_LINKED: 'OpenID sign-in linked',
  SESSION_CREATED: 'Signed in',
  SESSION_REVOKED: 'Signed out',
  WORKSPACE_CREATED: 'Workspace created',
  WORKSPACE_UPDATED: 'Workspace updated',
  WORKSPACE_DELETED: 'Workspace deleted',
  API_KEY_CREATED: 'API key created',
  API_KEY_ROTATED: 'API key rotated',
  API_KEY_REVOKED: 'API key revoked',
  MEMBER_ADDED: 'Member added',
  MEMBER_JOINED: 'Member joined',
  MEMBER_ROLE_CHANGED: 'Member role changed',
  MEMBER_OWNERSHIP_RECEIVED: 'Ownership received',
  MEMBER_OWNERSHIP_GIVEN_AWAY: 'Ownership given away',
  MEMBER_REMOVED: 'Member removed',
  MEMBER_LEFT: 'Member left',
  INVITATION_CREATED: 'Invitation sent',
  INVITATION_RESENT: 'Invitation resent',
  INVITATION_REVOKED: 'Invitation revoked',
  INVITATION_ACCEPTED: 'Invitation accepted',
  ROLE_CREATED: 'Role created',
  ROLE_UPDATED: 'Role updated',
  ROLE_PERMISSION_ADDED: 'Role permission added',
  ROLE_PERMISSION_REMOVED: 'Role permission removed',
  ROLE_DELETED: 'Role deleted',
  MEMBER_GROUP_CREATED: 'Member group created',
  MEMBER_GROUP_UPDATED: 'Member group updated',
  MEMBER_GROUP_DELETED: 'Member group deleted',
  MEMBER_GROUP_USERS_ADDED: 'Users added to a member group',
  MEMBER_GROUP_USERS_REMOVED: 'Users removed from a member group',
  CONTENT_TYPE_CREATED: 'Content type created',
  CONTENT_TYPE_UPDATED: 'Content type updated',
  CONTENT_TYPE_DELETED: 'Content type deleted',
  CONTENT_FIELD_CREATED: 'Content field created',
  CONTENT_FIELD_UPDATED: 'Content field updated',
  CONTENT_FIELD_DELETED: 'Content field deleted',
  ITEM_CREATED: 'Item created',
  ITEM_UPDATED: 'Item updated',
  ITEM_DELETED: 'Item deleted',
  TRUSTED_DOCUMENT_REGISTERED: 'Trusted document registered',
  TRUSTED_DOCUMENT_DELETED: 'Trusted document deleted',
  TRUSTED_ISSUER_CREATED: 'Trusted issuer added',
  TRUSTED_ISSUER_DELETED: 'Trusted issuer removed',
};

export const TARGET_TYPES = Object.keys(TARGET_TYPE_LABELS) as AuditTargetType[];
export const ACTIONS = Object.keys(ACTION_LABELS) as AuditAction[];

/**
 * The type of record an action is about: its name is `<target type>_<verb>`, and the longest
 * target type that prefixes it is the one (MEMBER_GROUP_CREATED is a member group's, not a member's).
 */
export function targetTypeOf(action: AuditAction): AuditTargetType {
  let best: AuditTargetType = TARGET_TYPES[0];
  let bestLength = -1;
  for (const targetType of TARGET_TYPES) {
    if (action.startsWith(`${targetType}_`) && targetType.length > bestLength) {
      best = targetType;
      bestLength = targetType.length;
    }
  }
  return best;
}

/** The actions about one type of record (every action when none is chosen). */
export function actionsFor(targetType: AuditTargetType | null): AuditAction[] {
  return targetType === null ? ACTIONS : ACTIONS.filter((action) => targetTypeOf(action) === targetType);
}

export const CREDENTIAL_KIND_LABELS: Readonly<Record<CredentialKind, string>> = {
  SESSION: 'Session',
  USER_KEY: 'User API key',
  WORKSPACE_KEY: 'Workspace key',
  JWT: 'JWT (trusted issuer)',
};

/** An action's words, or its name when the console does not know it yet (a newer API). */
export function actionLabel(action: AuditAction): string {
  return ACTION_LABELS[action] ?? action;
}

/** What a change value reads as: text, never markup; "—" for none. */
export function formatChangeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

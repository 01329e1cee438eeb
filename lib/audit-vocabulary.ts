// What an audit event may say: each target type (as the API names the record) with the
// verbs that happen to it. The single source of both: lib/audit-trail.ts accepts only
// these pairs (anything else does not compile), audit's ingest stores only these, and the
// GraphQL enums AuditTargetType and AuditAction are built from them.

export const AUDIT_VERBS = {
  User: ['registered', 'updated', 'passwordChanged', 'verificationRequested', 'emailVerified', 'emailChangeRequested', 'emailChanged', 'passwordResetRequested', 'passwordReset', 'oidcLinked'],
  Session: ['created', 'revoked'],
  Workspace: ['created', 'updated', 'deleted'],
  ApiKey: ['created', 'rotated', 'revoked'],
  Member: ['added', 'joined', 'roleChanged', 'ownershipReceived', 'ownershipGivenAway', 'removed', 'left'],
  Invitation: ['created', 'resent', 'revoked', 'accepted'],
  Role: ['created', 'updated', 'permissionAdded', 'permissionRemoved', 'deleted'],
  MemberGroup: ['created', 'updated', 'deleted', 'usersAdded', 'usersRemoved'],
  ContentType: ['created', 'updated', 'deleted'],
  ContentField: ['created', 'updated', 'deleted'],
  Item: ['created', 'updated', 'deleted'],
  TrustedDocument: ['registered', 'deleted'],
  TrustedIssuer: ['created', 'deleted'],
} as const;

export type AuditTargetType = keyof typeof AUDIT_VERBS;
export type AuditVerb<T extends AuditTargetType> = (typeof AUDIT_VERBS)[T][number];
/** `<targetType in camelCase>.<verb>`, e.g. `apiKey.created`. */
export type AuditAction = { [T in AuditTargetType]: `${Uncapitalize<T>}.${AuditVerb<T>}` }[AuditTargetType];

export const AUDIT_TARGET_TYPES = Object.keys(AUDIT_VERBS) as AuditTargetType[];

export function auditAction<T extends AuditTargetType>(targetType: T, verb: AuditVerb<T>): AuditAction {
  return `${targetType[0].toLowerCase()}${targetType.slice(1)}.${verb}` as AuditAction;
}

/** Every action, in the order of AUDIT_VERBS. */
export const AUDIT_ACTIONS: readonly AuditAction[] = AUDIT_TARGET_TYPES.flatMap((targetType) => (AUDIT_VERBS[targetType] as readonly string[]).map((verb) => auditAction(targetType, verb as never)));

const TARGET_TYPES = new Set<string>(AUDIT_TARGET_TYPES);
const ACTIONS = new Set<string>(AUDIT_ACTIONS);

export function isAuditTargetType(value: unknown): value is AuditTargetType {
  return typeof value === 'string' && TARGET_TYPES.has(value);
}

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && ACTIONS.has(value);
}

/**
 * Actions renamed after events were stored under the old name (`trustedDocument.removed`
 * when the mutation was removeTrustedDocument), old → current. Stored rows are never
 * rewritten (the trail is append-only), and an event emitted before a deploy may still be
 * in an outbox: audit maps the old name on ingest, on read and in its action filter.
 */
const RENAMED_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = { 'trustedDocument.removed': 'trustedDocument.deleted' };

/** The current name of a stored or received action (unchanged when it was never renamed). */
export function currentAuditAction(stored: string): string {
  return Object.hasOwn(RENAMED_AUDIT_ACTIONS, stored) ? RENAMED_AUDIT_ACTIONS[stored] : stored;
}

/** Every name an action may be stored under: its own and the ones it replaced. */
export function storedAuditActions(action: AuditAction): AuditAction[] {
  return [action, ...(Object.keys(RENAMED_AUDIT_ACTIONS) as AuditAction[]).filter((old) => RENAMED_AUDIT_ACTIONS[old] === action)];
}

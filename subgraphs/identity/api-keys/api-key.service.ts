// API keys: create (user and workspace keys), list, revoke, rotate. A new key never
// exceeds its creator: its workspaces are the creator's, its scopes within the creator's
// permissions there (and within the creating key's own scopes, when a key creates it).
import type DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { generateCredential, hashCredential, maskCredential } from '../../../lib/api-key-format.js';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import { clientNameProblem, normalizeClientName } from '../../../lib/client-name.js';
import { KEY_EXPIRIES, type SubgraphSettings } from '../../../lib/config.js';
import type { Connection, PageArgs } from '../../../lib/connection.js';
import { idColumn, idOrder, keysetOrder, pageQuery, timeColumn, type KeysetOrder, type SortDirection } from '../../../lib/paging.js';
import { OrderDirection } from '../../../lib/order-direction.js';
import { ErrorCode, badUserInput, emailNotVerified, forbidden, invalidInput, notFound, requireWorkspace, type FieldProblem } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { expandScopes, satisfiesAnyOf, scopeRequirementEnumNames, scopesBeyond, unknownScopes } from '../../../lib/scopes.js';
import { insufficientScope, type ScopeRequirement } from '../../../lib/scopes-directive.js';
import { EscalationGuard } from '../grants/escalation-guard.js';
import { announceInvalidation } from '../invalidation.js';
import { membershipsOf } from '../members/membership.repository.js';
import { requireUserId } from '../principal-guards.js';
import { budgetProblem } from '../rate-limits/rate-limit.service.js';
import { ApiKey } from './api-key.entity.js';
import { User } from '../users/user.entity.js';
import { ApiKeyKind, ApiKeyOrderBy, ApiKeyOwner, ApiKeyStatus, EXPIRY_DAYS } from './api-key.enums.js';
import type { ApiKeyFilter, ApiKeyOrder, CreateApiKeyInput, CreateWorkspaceKeyInput } from './api-key.input.js';
import type { CreatedApiKey } from './api-key.payloads.js';

/**
 * `apiKeys` in the asked order, then id; the order names the cursors (`apiKeys:lastUsedAt:desc`),
 * so a cursor of one order is refused under another. Id order (creation order) by default.
 */
function apiKeyOrder(orderBy: ApiKeyOrder | undefined): KeysetOrder<ApiKey> {
  const direction: SortDirection = orderBy?.direction === OrderDirection.DESC ? 'desc' : 'asc';
  switch (orderBy?.by) {
    case ApiKeyOrderBy.LAST_USED_AT:
      return keysetOrder<ApiKey>(`apiKeys:lastUsedAt:${direction}`, [timeColumn('last_used_at', (key) => key.lastUsedAt, direction, true), idColumn(direction)]);
    case ApiKeyOrderBy.EXPIRES_AT:
      return keysetOrder<ApiKey>(`apiKeys:expiresAt:${direction}`, [timeColumn('expires_at', (key) => key.expiresAt, direction, true), idColumn(direction)]);
    case ApiKeyOrderBy.CREATED_AT:
      return keysetOrder<ApiKey>(`apiKeys:createdAt:${direction}`, [timeColumn('created_at', (key) => key.createdAt, direction), idColumn(direction)]);
    default:
      return API_KEY_ORDER;
  }
}

/** `apiKeys` without orderBy: id order, with the cursors it always had. */
const API_KEY_ORDER = idOrder<ApiKey>('apiKeys');

/** Keys in a state at `now`, as ApiKey.status decides it (a revocation wins over an expiry). */
function statusCondition(status: ApiKeyStatus, now: Date): FilterQuery<ApiKey> {
  const notRevoked = { $or: [{ revokedAt: null }, { revokedAt: { $gt: now } }] };
  const notExpired = { $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] };
  if (status === ApiKeyStatus.REVOKED) return { revokedAt: { $lte: now } };
  if (status === ApiKeyStatus.EXPIRED) return { $and: [notRevoked, { expiresAt: { $lte: now } }] };
  return { $and: [notRevoked, notExpired] };
}

export const MAX_GRACE_PERIOD_SECONDS = 30 * 24 * 3600;

export class ApiKeyService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly principal: Principal,
    private readonly settings: SubgraphSettings,
    /** The request's DataLoader of the keys the caller may list (IdentityContext.loaders.apiKeyById). */
    private readonly visibleKeys: DataLoader<string, ApiKey | null>,
  ) {}

  private checkCommon({ description, expiresIn, scopes, rateLimit, client }: CreateWorkspaceKeyInput): FieldProblem[] {
    const errors: FieldProblem[] = [];
    if (description.trim().length === 0 || description.length > 200) errors.push({ field: 'description', reason: 'must be 1 to 200 characters' });
    if (KEY_EXPIRIES.indexOf(expiresIn) > KEY_EXPIRIES.indexOf(this.settings.maxKeyExpiry)) {
      errors.push({ field: 'expiresIn', reason: `may be at most ${this.settings.maxKeyExpiry} in this deployment` });
    }
    const unknown = unknownScopes(scopes);
    if (scopes.length === 0) errors.push({ field: 'scopes', reason: 'must name at least one scope' });
    if (unknown.length > 0) errors.push({ field: 'scopes', reason: `unknown scopes: ${unknown.join(', ')}` });
    const budget = budgetProblem(rateLimit, { min: 1, max: this.settings.maxBudgetPoints });
    if (budget) errors.push({ field: 'rateLimit', reason: budget });
    const clientName = clientNameProblem(client);
    if (clientName) errors.push(clientName);
    return errors;
  }

  private get creatingWithKey(): boolean {
    return this.principal.kind === 'user_key' || this.principal.kind === 'workspace_key';
  }

  /** A key principal creates keys only with keys:write granted by name, and never beyond its own scopes. */
  private checkCreatingKey(scopes: string[], errors: FieldProblem[]): void {
    if (!this.creatingWithKey) return;
    if (!expandScopes(this.principal.scopes).has('keys:write')) {
      throw new GraphQLError('Insufficient scope: creating keys needs keys:write', {
        extensions: { code: ErrorCode.INSUFFICIENT_SCOPE, requiredScopes: scopeRequirementEnumNames([['keys:write']]) },
      });
    }
    const beyond = scopesBeyond(scopes, this.principal.scopes);
    if (beyond.length > 0) errors.push({ field: 'scopes', reason: `exceed the scopes of the key you used: ${beyond.join(', ')}` });
  }

  /** Stores a new key and returns it with its secret: the only time the secret exists outside the caller. */
  private async issue(owner: Pick<ApiKey, 'kind' | 'userId' | 'workspaceId' | 'workspaceIds' | 'createdByUserId'>, input: CreateWorkspaceKeyInput): Promise<CreatedApiKey> {
    const secret = generateCredential(owner.kind === ApiKeyKind.USER ? 'user_key' : 'workspace_key');
    const days = EXPIRY_DAYS[input.expiresIn];
    const apiKey = this.em.create(ApiKey, {
      ...owner,
      description: input.description.trim(),
      scopes: [...new Set(input.scopes)],
      expiresAt: days === null ? null : new Date(Date.now() + days * 86_400_000),
      secretHash: hashCredential(secret),
      hint: maskCredential(secret),
      trustedDocumentsOnly: input.trustedDocumentsOnly === true,
      rateLimit: input.rateLimit ?? null,
      // Checked by checkCommon: empty or blank means no client.
      client: normalizeClientName(input.client),
    });
    // What the key may do, never its secret, hash or hint.
    recordAuditEvent(this.em, this.principal, {
      targetType: 'ApiKey',
      verb: 'created',
      targetId: apiKey.id,
      workspaceId: owner.workspaceId ?? undefined,
      changes: changedFields(null, {
        kind: apiKey.kind,
        description: apiKey.description,
        scopes: apiKey.scopes,
        workspaceIds: apiKey.workspaceIds,
        expiresAt: apiKey.expiresAt,
        trustedDocumentsOnly: apiKey.trustedDocumentsOnly,
        rateLimit: apiKey.rateLimit,
        client: apiKey.client,
      }),
    });
    await this.em.flush();
    return { apiKey, secret };
  }

  /**
   * A key acts for its user's address (DESIGN.md: an address counts once verified), so a user
   * whose address is not verified makes none, unless the deployment allows it (development).
   */
  private async requireVerifiedEmail(userId: string): Promise<void> {
    if (this.settings.accounts.allowUnverifiedKeys) return;
    const user = await this.em.findOne(User, { id: userId }, { fields: ['emailVerifiedAt'] });
    if (!user?.emailVerifiedAt) throw emailNotVerified('Verify your email address before creating API keys: open the link in the verification mail (resendVerification sends a new one)');
  }

  async createUserKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const userId = requireUserId(this.principal);
    await this.requireVerifiedEmail(userId);
    const errors = this.checkCommon(input);
    this.checkCreatingKey(input.scopes, errors);
    const workspaceIds = [...new Set(input.workspaceIds)];
    if (workspaceIds.length === 0) errors.push({ field: 'workspaceIds', reason: 'must name at least one workspace' });
    const memberships = new Map((await membershipsOf(this.em, userId)).map((membership) => [membership.workspaceId, membership]));
    for (const workspaceId of workspaceIds) {
      const membership = isId(workspaceId) ? memberships.get(workspaceId) : undefined;
      const allowedByKey = !this.creatingWithKey || this.principal.workspaceIds.includes(workspaceId);
      if (!membership || !allowedByKey) {
        errors.push({ field: 'workspaceIds', reason: `${workspaceId} is not a workspace you belong to` });
        continue;
      }
      const beyond = scopesBeyond(input.scopes, membership.permissions);
      if (beyond.length > 0) errors.push({ field: 'scopes', reason: `exceed your permissions in ${workspaceId}: ${beyond.join(', ')}` });
    }
    if (errors.length > 0) throw invalidInput(errors);
    return this.issue({ kind: ApiKeyKind.USER, userId, workspaceId: null, workspaceIds, createdByUserId: userId }, input);
  }

  /**
   * A key of the current workspace. Its scopes are capped by its creator's permissions
   * when it is created; a later change of the creator's role does not shrink it (it has
   * no user, so that it survives its creator leaving).
   */
  async createWorkspaceKey(input: CreateWorkspaceKeyInput): Promise<CreatedApiKey> {
    const userId = requireUserId(this.principal);
    const workspaceId = requireWorkspace(this.principal.workspaceId);
    await this.requireVerifiedEmail(userId);
    const errors = this.checkCommon(input);
    this.checkCreatingKey(input.scopes, errors);
    if (errors.length > 0) throw invalidInput(errors);
    // A workspace key outlives its creator's role: it gets only what its creator holds now.
    await new EscalationGuard(this.em, this.principal).requireGrantable(input.scopes, 'create a workspace key with these scopes');
    return this.issue({ kind: ApiKeyKind.WORKSPACE, userId: null, workspaceId, workspaceIds: [workspaceId], createdByUserId: userId }, input);
  }

  list(filter: ApiKeyFilter | undefined, orderBy: ApiKeyOrder | undefined, page: PageArgs): Promise<Connection<ApiKey>> {
    const owner: FilterQuery<ApiKey> = filter?.owner === ApiKeyOwner.WORKSPACE ? { workspaceId: requireWorkspace(this.principal.workspaceId) } : { userId: requireUserId(this.principal) };
    const conditions: FilterQuery<ApiKey>[] = [owner];
    if (filter?.kind) conditions.push({ kind: filter.kind });
    if (filter?.status) conditions.push(statusCondition(filter.status, new Date()));
    return pageQuery(this.em, { entity: ApiKey, where: { $and: conditions }, order: apiKeyOrder(orderBy), page });
  }

  /** apiKey(id): a key `apiKeys` would list (your user keys, the current workspace's keys); else NOT_FOUND. */
  async get(id: string): Promise<ApiKey> {
    const key = await this.visibleKeys.load(id);
    if (!key) throw notFound('API key');
    return key;
  }

  /** The caller's own user key, used from a session of its user or by the key itself. */
  private isOwnKey(key: ApiKey | null): boolean {
    if (key?.kind !== ApiKeyKind.USER || key.userId === null || key.userId !== this.principal.userId) return false;
    return this.principal.kind === 'session' || this.principal.keyId === key.id;
  }

  /**
   * The explicit own-key exception of `scopesUnlessOwn`: one's own key needs no scope;
   * any other key needs `requirement`, checked before anything about the key is told.
   */
  private async requireOwnOr(id: string, requirement: ScopeRequirement): Promise<ApiKey> {
    const key = isId(id) ? await this.em.findOne(ApiKey, { id }) : null;
    if (this.isOwnKey(key)) return key!;
    if (!satisfiesAnyOf(this.principal.scopes, requirement)) throw insufficientScope(requirement);
    return this.manageable(key);
  }

  /** A key the caller may manage: their own user key, or a key of the current workspace. Else not found. */
  private manageable(key: ApiKey | null): ApiKey {
    const own = key?.kind === ApiKeyKind.USER && key.userId !== null && key.userId === this.principal.userId;
    const workspaces = key?.kind === ApiKeyKind.WORKSPACE && key.workspaceId !== null && key.workspaceId === this.principal.workspaceId;
    if (!key || (!own && !workspaces)) throw notFound('API key');
    // A workspace key is managed only by someone who could have created it: rotating one
    // hands out its secret, which must not carry scopes beyond the caller's own.
    const beyond = workspaces ? scopesBeyond(key.scopes, this.principal.scopes) : [];
    if (beyond.length > 0) {
      throw forbidden(`Managing this key needs every scope it has; you lack ${beyond.join(', ')}`);
    }
    return key;
  }

  async revoke(id: string): Promise<ApiKey> {
    const key = await this.requireOwnOr(id, [['keys:delete']]);
    if (key.status === ApiKeyStatus.ACTIVE || (key.revokedAt && key.revokedAt.getTime() > Date.now())) {
      const before = key.revokedAt;
      key.revokedAt = new Date();
      await this.em.transactional(async (em) => {
        recordAuditEvent(em, this.principal, {
          targetType: 'ApiKey',
          verb: 'revoked',
          targetId: key.id,
          workspaceId: key.workspaceId ?? undefined,
          changes: changedFields({ revokedAt: before }, { revokedAt: key.revokedAt }),
        });
        await em.flush();
        await announceInvalidation(em, { keyIds: [key.id] });
      });
    }
    return key;
  }

  /** A new secret now; the old one works for `gracePeriod` more seconds. */
  async rotate(id: string, gracePeriod: number): Promise<CreatedApiKey> {
    if (!Number.isInteger(gracePeriod) || gracePeriod < 0 || gracePeriod > MAX_GRACE_PERIOD_SECONDS) {
      throw invalidInput([{ field: 'gracePeriod', reason: `must be 0 to ${MAX_GRACE_PERIOD_SECONDS} seconds` }]);
    }
    const old = await this.requireOwnOr(id, [['keys:write']]);
    if (old.status !== ApiKeyStatus.ACTIVE) throw badUserInput('Only an active key can be rotated');
    return this.em.transactional(async (em) => {
      const secret = generateCredential(old.kind === ApiKeyKind.USER ? 'user_key' : 'workspace_key');
      const next = em.create(ApiKey, {
        kind: old.kind,
        userId: old.userId,
        workspaceId: old.workspaceId,
        createdByUserId: this.principal.userId ?? old.createdByUserId,
        description: old.description,
        scopes: [...old.scopes],
        workspaceIds: [...old.workspaceIds],
        expiresAt: old.expiresAt,
        secretHash: hashCredential(secret),
        hint: maskCredential(secret),
        // A rotation must not lift the key's limit to trusted documents.
        trustedDocumentsOnly: old.trustedDocumentsOnly,
        // Nor its own budget: a rotation is the same key with a new secret.
        rateLimit: old.rateLimit,
        // And the client its requests are counted under in schema usage.
        client: old.client,
      });
      old.revokedAt = new Date(Date.now() + gracePeriod * 1000);
      old.rotatedToKeyId = next.id;
      recordAuditEvent(em, this.principal, {
        targetType: 'ApiKey',
        verb: 'rotated',
        targetId: old.id,
        workspaceId: old.workspaceId ?? undefined,
        changes: changedFields({ revokedAt: null, rotatedToKeyId: null }, { revokedAt: old.revokedAt, rotatedToKeyId: next.id }),
      });
      await em.flush();
      await announceInvalidation(em, { keyIds: [old.id] });
      return { apiKey: next, secret };
    });
  }
}

// Accounts and sessions: register, sign in, sign out, change a password. Every password hash goes through the
// process's hashing slots (password-hashing.ts), and only after the throttle
// (sign-in-throttle.ts) has reserved the try, so neither a burst nor a flood gets more
// hashes than the limits allow.
import { GraphQLError } from 'graphql';
import { generateCredential, hashCredential } from '../../../lib/api-key-format.js';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import type { SubgraphSettings } from '../../../lib/config.js';
import { ErrorCode, badUserInput, forbidden } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { UNKNOWN_USER_PASSWORD_HASH, hashPassword, verifyPassword } from '../../../lib/passwords.js';
import { announceInvalidation } from '../invalidation.js';
import { requireUserId } from '../principal-guards.js';
import { Member } from '../members/member.entity.js';
import { isEmailAddress, normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { Session } from './session.entity.js';
import type { ChangePasswordInput, CreateSessionInput, RegisterInput } from './session.input.js';
import type { ChangePasswordPayload, RevokeSessionPayload, SessionPayload } from './session.payloads.js';
import type { PasswordHashing } from './password-hashing.js';
import { SignInThrottle, addressGroup } from './sign-in-throttle.js';
import { ACROSS_WORKSPACES } from '../../../lib/workspace-filter.js';
import type { Mailer } from '../../../lib/mail/mailer.js';
import { PASSWORD_RULE, isAcceptablePassword, type AccountService } from '../accounts/account.service.js';

const INVALID_SIGN_IN = 'Invalid email or password';

export class SessionService {
  private readonly throttle: SignInThrottle;

  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly settings: SubgraphSettings,
    private readonly principal: Principal,
    private readonly hashing: PasswordHashing,
    private readonly accounts: AccountService,
    private readonly mailer: Mailer,
  ) {
    this.throttle = new SignInThrottle(em, settings.signIn);
  }

  async register(input: RegisterInput): Promise<SessionPayload> {
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    const problems: { field: string; reason: string }[] = [];
    if (!isEmailAddress(email)) problems.push({ field: 'email', reason: 'must be an email address' });
    if (!isAcceptablePassword(input.password)) problems.push({ field: 'password', reason: PASSWORD_RULE });
    if (name.length === 0 || name.length > 100) problems.push({ field: 'name', reason: 'must be 1 to 100 characters' });
    if (problems.length > 0) throw badUserInput(`Invalid input: ${problems.map((problem) => problem.field).join(', ')}`, { fieldErrors: problems });
    const address = addressGroup(this.principal.clientIp);
    const ticket = this.hashing.admit(address);
    let passwordHash: string;
    try {
      await this.throttle.reserveRegistration(address);
      if (await this.em.count(User, { email })) throw badUserInput('Email cannot be used', { fieldErrors: [{ field: 'email', reason: 'cannot be used' }] });
      passwordHash = await ticket.hash(() => hashPassword(input.password));
    } finally {
      ticket.release();
    }
    const { session, verification } = await this.em.transactional(async (em) => {
      const user = em.create(User, { email, name, passwordHash });
      // The password is sensitive: the event says it was set, never what it is.
      recordAuditEvent(em, this.principal, {
        targetType: 'User',
        verb: 'registered',
        targetId: user.id,
        workspaceId: null,
        actorUserId: user.id,
        changes: changedFields(null, { email, name, password: true }, ['password']),
      });
      await em.flush();
      // The address counts once proven: a link to it, mailed when this transaction committed.
      const verification = await this.accounts.prepareVerificationMail(em, user);
      // Nothing attaches by email: an invitation is joined only with its token (acceptInvitation).
      return { session: await this.startSession(em, user, null), verification };
    });
    this.mailer.send(verification);
    return session;
  }

  async createSession(input: CreateSessionInput): Promise<SessionPayload> {
    const email = normalizeEmail(input.email);
    const address = addressGroup(this.principal.clientIp);
    // A place in the hashing queue first (no I/O), then the try reserved, then the hash.
    const ticket = this.hashing.admit(address);
    let user: User | null;
    let valid: boolean;
    try {
      await this.throttle.reserveSignIn(email, address);
      user = await this.em.findOne(User, { email }, { populate: ['passwordHash'] });
      // Verify even for an unknown email, so the answer takes as long either way.
      valid = await ticket.hash(() => verifyPassword(input.password, user?.passwordHash ?? UNKNOWN_USER_PASSWORD_HASH));
    } finally {
      ticket.release();
    }
    if (!user || !valid) throw new GraphQLError(INVALID_SIGN_IN, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
    await this.throttle.signedIn(email, address);
    this.hashing.signedIn(address);
    let workspace: Workspace | null = null;
    if (input.workspaceId !== undefined && input.workspaceId !== null) {
      // Signing in names its workspace in the input, not in a request header: across workspaces on purpose.
      const member = isId(input.workspaceId) ? await this.em.findOne(Member, { workspaceId: input.workspaceId, userId: user.id }, ACROSS_WORKSPACES) : null;
      if (!member) throw forbidden('Token not authorized for this workspace');
      workspace = await this.em.findOne(Workspace, { id: input.workspaceId });
    }
    return this.startSession(this.em, user, workspace);
  }

  private startSession(em: SubgraphEntityManager, user: User, workspace: Workspace | null): Promise<SessionPayload> {
    return startSession(em, this.settings, this.principal, user, workspace, 'password');
  }

  /**
   * A new password for the signed-in user, who proves the current one. Only a session may
   * (a person signed in, never an API key). The check is a sign-in try: throttled and
   * hashed the same way, so it cannot be used to guess the password faster. Every other
   * session of the user ends at once, on every gateway; the asking one stays signed in.
   * API keys stay: they are revoked on their own.
   */
  async changePassword(input: ChangePasswordInput): Promise<ChangePasswordPayload> {
    const { sessionId, userId } = this.principal;
    if (this.principal.kind !== 'session' || !sessionId || !userId) {
      throw forbidden('Only a signed-in person (a session) can change a password, not an API key');
    }
    if (!isAcceptablePassword(input.newPassword)) throw badUserInput('Invalid input: newPassword', { fieldErrors: [{ field: 'newPassword', reason: PASSWORD_RULE }] });
    const user = await this.em.findOne(User, { id: userId }, { populate: ['passwordHash'] });
    if (!user) throw new GraphQLError(INVALID_SIGN_IN, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
    const address = addressGroup(this.principal.clientIp);
    const ticket = this.hashing.admit(address);
    let newHash: string | undefined;
    try {
      await this.throttle.reserveSignIn(user.email, address);
      if (await ticket.hash(() => verifyPassword(input.currentPassword, user.passwordHash ?? UNKNOWN_USER_PASSWORD_HASH))) newHash = await ticket.hash(() => hashPassword(input.newPassword));
    } finally {
      ticket.release();
    }
    if (newHash === undefined) throw badUserInput('The current password is wrong', { fieldErrors: [{ field: 'currentPassword', reason: 'is wrong' }] });
    await this.throttle.signedIn(user.email, address);
    const passwordHash = newHash;
    return this.em.transactional(async (em) => {
      await em.nativeUpdate(User, { id: user.id }, { passwordHash });
      const now = new Date();
      const others = await em.find(Session, { userId: user.id, revokedAt: null, expiresAt: { $gt: now }, id: { $ne: sessionId } }, { fields: ['id'] });
      const ended = others.map((session) => session.id);
      if (ended.length > 0) await em.nativeUpdate(Session, { id: { $in: ended } }, { revokedAt: now });
      // The password is sensitive: the event says it changed, never what it is.
      recordAuditEvent(em, this.principal, {
        targetType: 'User',
        verb: 'passwordChanged',
        targetId: user.id,
        workspaceId: null,
        changes: changedFields(null, { password: true, endedSessions: ended.length }, ['password']),
      });
      await announceInvalidation(em, { sessionIds: ended });
      await em.flush();
      return { user, endedSessions: ended.length };
    });
  }

  /** Ends the calling session, on every gateway at once; answers whose it was. */
  async revoke(): Promise<RevokeSessionPayload> {
    const sessionId = this.principal.sessionId;
    if (!sessionId) throw badUserInput('revokeSession needs a session token, not an API key');
    await this.em.transactional(async (em) => {
      const revoked = await em.nativeUpdate(Session, { id: sessionId, revokedAt: null }, { revokedAt: new Date() });
      if (revoked > 0) recordAuditEvent(em, this.principal, { targetType: 'Session', verb: 'revoked', targetId: sessionId, workspaceId: null });
      await announceInvalidation(em, { sessionIds: [sessionId] });
    });
    return { user: await this.em.findOneOrFail(User, { id: requireUserId(this.principal) }) };
  }
}

/** Starts a session for a user who proved who they are: with a password, or through an OpenID provider (`method`, in the audit event). */
export async function startSession(
  em: SubgraphEntityManager,
  settings: SubgraphSettings,
  principal: Principal,
  user: User,
  workspace: Workspace | null,
  method: 'password' | 'oidc',
): Promise<SessionPayload> {
  const token = generateCredential('session');
  const expiresAt = new Date(Date.now() + settings.sessionTtlSeconds * 1000);
  const session = em.create(Session, { userId: user.id, tokenHash: hashCredential(token), workspaceId: workspace?.id ?? null, expiresAt });
  recordAuditEvent(em, principal, {
    targetType: 'Session',
    verb: 'created',
    targetId: session.id,
    workspaceId: null,
    actorUserId: user.id,
    changes: changedFields(null, { workspaceId: session.workspaceId, expiresAt, method }),
  });
  await em.flush();
  return { token, expiresAt, user, workspace };
}

// What a mailed link proves (issue 17): the account's address (verifyEmail), a new address
// (changeEmail, then verifyEmail with its link), or the right to set a password
// (requestPasswordReset, then resetPassword). Tokens are single use and stored hashed
// (account-tokens.ts); mail is queued after the change that asked for it commits
// (lib/mail/mailer.ts), never awaited. No token is ever logged, audited or put in an error.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import type { SubgraphSettings } from '../../../lib/config.js';
import { badUserInput, forbidden, invalidInput, notFound } from '../../../lib/errors.js';
import type { Mailer, OutgoingMail } from '../../../lib/mail/mailer.js';
import { describeDuration } from '../../../lib/mail/templates.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { UNKNOWN_USER_PASSWORD_HASH, hashPassword, verifyPassword } from '../../../lib/passwords.js';
import type { Principal } from '../../../lib/principal.js';
import { announceInvalidation } from '../invalidation.js';
import type { PasswordHashing } from '../sessions/password-hashing.js';
import { Session } from '../sessions/session.entity.js';
import { SignInThrottle, addressGroup } from '../sessions/sign-in-throttle.js';
import { isEmailAddress, normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import type { AccountJobs } from './account-jobs.js';
import { AccountToken, AccountTokenPurpose } from './account-token.entity.js';
import { endAccountTokens, isUsableAccountToken, issueAccountToken, useAccountToken, type IssuedAccountToken } from './account-tokens.js';
import type { ChangeEmailInput, ResetPasswordInput } from './account.input.js';

/** The paths of the gateway's account pages (gateway/account-pages.ts) that mailed links open. */
export const ACCOUNT_PAGE_PATHS = { verifyEmail: '/account/verify-email', resetPassword: '/account/reset-password' } as const;

/** One refusal for every token that cannot be used: unknown, malformed, expired, superseded or used. */
function unusableLink(argument: 'argument' | 'field') {
  const message = 'This link cannot be used: it is unknown, expired or already used. Ask for a new one.';
  return argument === 'argument' ? badUserInput(message, { argumentName: 'token' }) : badUserInput(message, { fieldErrors: [{ field: 'token', reason: 'cannot be used' }] });
}

/** The password rule of register, changePassword and resetPassword. */
export const PASSWORD_RULE = 'must be 12 to 1024 characters';

export function isAcceptablePassword(password: string): boolean {
  return password.length >= 12 && password.length <= 1024;
}

/** "2026-12-02 09:30 UTC": how a mail says when its link stops working. */
function mailTime(time: Date): string {
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface ResetPasswordResult {
  readonly user: User;
  readonly endedSessions: number;
}

export class AccountService {
  private readonly throttle: SignInThrottle;

  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly settings: SubgraphSettings,
    private readonly principal: Principal,
    private readonly hashing: PasswordHashing,
    private readonly mailer: Mailer,
    private readonly jobs: AccountJobs,
  ) {
    this.throttle = new SignInThrottle(em, settings.signIn);
  }

  private link(page: keyof typeof ACCOUNT_PAGE_PATHS, token: string): string {
    return `${this.settings.accounts.publicUrl}${ACCOUNT_PAGE_PATHS[page]}?token=${encodeURIComponent(token)}`;
  }

  private expiryValues(issued: IssuedAccountToken, ttlMs: number): { expiresIn: string; expiresAt: string } {
    return { expiresIn: describeDuration(ttlMs), expiresAt: mailTime(issued.expiresAt) };
  }

  private get verificationTtlMs(): number {
    return this.settings.accounts.verificationTtlHours * 3_600_000;
  }

  private get resetTtlMs(): number {
    return this.settings.accounts.passwordResetTtlMinutes * 60_000;
  }

  /** A session of a person: what account changes need (an API key acts for programs). */
  private requireSession(action: string): string {
    const { userId, sessionId } = this.principal;
    if (this.principal.kind !== 'session' || !sessionId || !userId) throw forbidden(`Only a signed-in person (a session) can ${action}, not an API key`);
    return userId;
  }

  /**
   * A verification link for the user's address, issued in `em`'s transaction (register's,
   * or resendVerification's); the caller sends the mail once that transaction committed.
   */
  async prepareVerificationMail(em: SubgraphEntityManager, user: User): Promise<OutgoingMail> {
    const ttlMs = this.verificationTtlMs;
    const issued = await issueAccountToken(em, { userId: user.id, purpose: AccountTokenPurpose.VERIFY_EMAIL, email: user.email, ttlMs });
    return { to: user.email, template: 'verify-email', values: { name: user.name, email: user.email, link: this.link('verifyEmail', issued.token), ...this.expiryValues(issued, ttlMs) } };
  }

  /** A new verification mail (ending the earlier links), unless the address is verified already: then nothing is sent. */
  async resendVerification(): Promise<User> {
    const userId = this.requireSession('ask for a verification mail');
    const user = await this.em.findOne(User, { id: userId });
    if (!user) throw notFound('User');
    if (user.emailVerifiedAt) return user;
    await this.throttle.reserveVerificationMail(user.id);
    const mail = await this.em.transactional(async (em) => {
      const prepared = await this.prepareVerificationMail(em, user);
      recordAuditEvent(em, this.principal, { targetType: 'User', verb: 'verificationRequested', targetId: user.id, workspaceId: null, changes: changedFields(null, { email: user.email }) });
      await em.flush();
      return prepared;
    });
    this.mailer.send(mail);
    return user;
  }

  /**
   * Uses a verification link: the account's own address (VERIFY_EMAIL) is verified, or the
   * new address of changeEmail (CHANGE_EMAIL) becomes the account's, verified, and the old
   * address is told, with a link to take the account back.
   */
  async verifyEmail(token: string): Promise<User> {
    const { user, notice } = await this.em.transactional(async (em) => {
      const used = await useAccountToken(em, token, [AccountTokenPurpose.VERIFY_EMAIL, AccountTokenPurpose.CHANGE_EMAIL]);
      const user = used ? await em.findOne(User, { id: used.userId }) : null;
      if (!used || !user) throw unusableLink('argument');
      const now = new Date();
      if (used.purpose === AccountTokenPurpose.VERIFY_EMAIL) {
        // A link to an address the account no longer has proves nothing about its current one.
        if (used.email !== user.email) throw unusableLink('argument');
        if (!user.emailVerifiedAt) {
          user.emailVerifiedAt = now;
          recordAuditEvent(em, this.principal, {
            targetType: 'User',
            verb: 'emailVerified',
            targetId: user.id,
            workspaceId: null,
            actorUserId: user.id,
            changes: changedFields({ emailVerified: false }, { emailVerified: true, email: user.email }),
          });
        }
        await em.flush();
        return { user, notice: undefined };
      }
      return { user, notice: await this.changeEmailTo(em, user, used) };
    });
    if (notice) this.mailer.send(notice);
    return user;
  }

  /** The CHANGE_EMAIL half of verifyEmail, in its transaction: answers the notice for the old address. */
  private async changeEmailTo(em: SubgraphEntityManager, user: User, used: AccountToken): Promise<OutgoingMail> {
    const taken = () => badUserInput('This address is used by another account now; change your email to another one', { argumentName: 'token' });
    if (await em.count(User, { email: used.email, id: { $ne: user.id } })) throw taken();
    const oldEmail = user.email;
    user.email = used.email;
    user.emailVerifiedAt = new Date();
    // Links mailed to either address for the old state of the account are void now.
    await endAccountTokens(em, user.id, [AccountTokenPurpose.VERIFY_EMAIL, AccountTokenPurpose.CHANGE_EMAIL]);
    // The notice carries a password-reset link for the old address: if someone who learnt
    // the password moved the account away, this is how its owner takes it back (the new
    // password signs every session out). Whoever holds the old mailbox could reset the
    // password before the change too, so the link grants nothing new, for one hour.
    const ttlMs = this.resetTtlMs;
    const recovery = await issueAccountToken(em, { userId: user.id, purpose: AccountTokenPurpose.RESET_PASSWORD, email: oldEmail, ttlMs });
    recordAuditEvent(em, this.principal, {
      targetType: 'User',
      verb: 'emailChanged',
      targetId: user.id,
      workspaceId: null,
      actorUserId: user.id,
      changes: changedFields({ email: oldEmail }, { email: user.email }),
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw taken();
      throw error;
    }
    return {
      to: oldEmail,
      template: 'email-changed',
      values: { name: user.name, oldEmail, newEmail: user.email, link: this.link('resetPassword', recovery.token), ...this.expiryValues(recovery, ttlMs) },
    };
  }

  /**
   * Mails a link to `newEmail`; the account's email changes only when it is used (verifyEmail).
   * The password is checked as changePassword checks it: a throttled sign-in try, hashed in
   * the process's slots.
   */
  async changeEmail(input: ChangeEmailInput): Promise<User> {
    const userId = this.requireSession('change an email address');
    const newEmail = normalizeEmail(input.newEmail);
    if (!isEmailAddress(newEmail)) throw invalidInput([{ field: 'newEmail', reason: 'must be an email address' }]);
    const user = await this.em.findOne(User, { id: userId }, { populate: ['passwordHash'] });
    if (!user) throw notFound('User');
    if (user.passwordHash === null) {
      throw badUserInput('Your account has no password (you sign in with an identity provider): set one first with requestPasswordReset and the mailed link, then change your email', {
        fieldErrors: [{ field: 'currentPassword', reason: 'no password is set' }],
      });
    }
    const address = addressGroup(this.principal.clientIp);
    const ticket = this.hashing.admit(address);
    let valid: boolean;
    try {
      await this.throttle.reserveSignIn(user.email, address);
      valid = await ticket.hash(() => verifyPassword(input.currentPassword, user.passwordHash ?? UNKNOWN_USER_PASSWORD_HASH));
    } finally {
      ticket.release();
    }
    if (!valid) throw badUserInput('The current password is wrong', { fieldErrors: [{ field: 'currentPassword', reason: 'is wrong' }] });
    await this.throttle.signedIn(user.email, address);
    if (newEmail === user.email) throw invalidInput([{ field: 'newEmail', reason: 'is your address already' }]);
    // What register says of an address in use, and no more.
    if (await this.em.count(User, { email: newEmail })) throw badUserInput('Email cannot be used', { fieldErrors: [{ field: 'newEmail', reason: 'cannot be used' }] });
    const ttlMs = this.verificationTtlMs;
    const mail = await this.em.transactional(async (em): Promise<OutgoingMail> => {
      const issued = await issueAccountToken(em, { userId: user.id, purpose: AccountTokenPurpose.CHANGE_EMAIL, email: newEmail, ttlMs });
      recordAuditEvent(em, this.principal, { targetType: 'User', verb: 'emailChangeRequested', targetId: user.id, workspaceId: null, changes: changedFields(null, { newEmail }) });
      await em.flush();
      return { to: newEmail, template: 'change-email', values: { name: user.name, email: newEmail, link: this.link('verifyEmail', issued.token), ...this.expiryValues(issued, ttlMs) } };
    });
    this.mailer.send(mail);
    return user;
  }

  /**
   * Answers the same, in the same way, for every address: after the throttle (identical
   * statements for known and unknown addresses), the request hands the address to a job and
   * answers; the lookup, the token and the mail happen in that job, which the answer never
   * waits for. So nothing the request does or awaits depends on whether the address has an
   * account: not the answer, not the statements, not the time.
   */
  async requestPasswordReset(email: string): Promise<string> {
    const normalized = normalizeEmail(email);
    if (!isEmailAddress(normalized)) throw badUserInput('email must be an email address', { argumentName: 'email' });
    await this.throttle.reservePasswordReset(normalized, addressGroup(this.principal.clientIp));
    const em = this.em.fork();
    this.jobs.start('passwordResetRequested', () => this.mailPasswordReset(em, normalized));
    return normalized;
  }

  /** The job behind requestPasswordReset: a link for the account with this address, if there is one. */
  private async mailPasswordReset(em: SubgraphEntityManager, email: string): Promise<void> {
    const user = await em.findOne(User, { email });
    if (!user) return;
    const ttlMs = this.resetTtlMs;
    const mail = await em.transactional(async (inner): Promise<OutgoingMail> => {
      const issued = await issueAccountToken(inner, { userId: user.id, purpose: AccountTokenPurpose.RESET_PASSWORD, email, ttlMs });
      // No actor: anyone who knows the address may ask, and asking changes nothing yet.
      recordAuditEvent(inner, this.principal, {
        targetType: 'User',
        verb: 'passwordResetRequested',
        targetId: user.id,
        workspaceId: null,
        changes: changedFields(null, { expiresAt: issued.expiresAt }),
      });
      await inner.flush();
      return { to: email, template: 'password-reset', values: { name: user.name, email, link: this.link('resetPassword', issued.token), ...this.expiryValues(issued, ttlMs) } };
    });
    this.mailer.send(mail);
  }

  /**
   * Sets a new password with a mailed reset link: every session of the user ends, on every
   * gateway; the address the link went to counts as verified when it is still the account's.
   * An account without a password (made with an identity provider) gets one this way.
   */
  async resetPassword(input: ResetPasswordInput): Promise<ResetPasswordResult> {
    if (!isAcceptablePassword(input.newPassword)) throw invalidInput([{ field: 'newPassword', reason: PASSWORD_RULE }]);
    // A guess costs no hash: the token is looked at before the new password is hashed.
    if (!(await isUsableAccountToken(this.em, input.token, AccountTokenPurpose.RESET_PASSWORD))) throw unusableLink('field');
    const address = addressGroup(this.principal.clientIp);
    const ticket = this.hashing.admit(address);
    let passwordHash: string;
    try {
      passwordHash = await ticket.hash(() => hashPassword(input.newPassword));
    } finally {
      ticket.release();
    }
    return this.em.transactional(async (em) => {
      const used = await useAccountToken(em, input.token, [AccountTokenPurpose.RESET_PASSWORD]);
      const user = used ? await em.findOne(User, { id: used.userId }) : null;
      if (!used || !user) throw unusableLink('field');
      const now = new Date();
      await em.nativeUpdate(User, { id: user.id }, { passwordHash });
      const proved = used.email === user.email && !user.emailVerifiedAt;
      if (proved) user.emailVerifiedAt = now;
      const sessions = await em.find(Session, { userId: user.id, revokedAt: null, expiresAt: { $gt: now } }, { fields: ['id'] });
      const ended = sessions.map((session) => session.id);
      if (ended.length > 0) await em.nativeUpdate(Session, { id: { $in: ended } }, { revokedAt: now });
      await endAccountTokens(em, user.id, [AccountTokenPurpose.RESET_PASSWORD]);
      // The password is sensitive: the event says it was set, never what it is.
      recordAuditEvent(em, this.principal, {
        targetType: 'User',
        verb: 'passwordReset',
        targetId: user.id,
        workspaceId: null,
        actorUserId: user.id,
        changes: changedFields(null, { password: true, endedSessions: ended.length, ...(proved ? { emailVerified: true } : {}) }, ['password']),
      });
      await announceInvalidation(em, { sessionIds: ended });
      await em.flush();
      return { user, endedSessions: ended.length };
    });
  }
}

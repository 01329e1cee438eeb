// Signing in through an OpenID provider: from claims the provider proved (an ID token verified
// here, or the gateway's callback verified by openid-client) to the user and a session. The
// linking rule (README "Signing in with Google, Microsoft or any OpenID provider"):
//   1. a known (issuer, sub) is that user, whatever the token's email says now;
//   2. else an email the provider vouches for (email_verified) links to the account with that
//      email (marking it verified; an account whose address was never verified loses the
//      password and sessions its registrant set) or creates one (verified, no password);
//   3. an email the provider does not vouch for never links, and never creates an account:
//      whoever controls an unverified address at a provider must not reach its owner's account.
// allowedDomains (when set) applies to every sign-in, linked or not.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { changedFields, recordAuditEvent } from '../../../lib/audit-trail.js';
import type { SubgraphSettings } from '../../../lib/config.js';
import { invalidToken } from '../../../lib/errors.js';
import { isAllowedDomain, type OidcProviderSetting } from '../../../lib/oidc-settings.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { announceInvalidation } from '../invalidation.js';
import { Session } from '../sessions/session.entity.js';
import { startSession } from '../sessions/session.service.js';
import type { SessionPayload } from '../sessions/session.payloads.js';
import { isEmailAddress, normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import type { IdTokenVerifier, VerifiedClaims } from './id-token-verifier.js';
import { UserIdentity } from './user-identity.entity.js';

/** How the user was found: an existing link, an account linked now, or an account made now. */
export type OidcSignInOutcome = 'known' | 'linked' | 'created';

export class OidcSignInService {
  constructor(
    private readonly em: SubgraphEntityManager,
    private readonly settings: SubgraphSettings,
    private readonly principal: Principal,
    /** Only createSessionFromIdToken verifies tokens here; the gateway's callback sends claims openid-client verified. */
    private readonly verifier?: IdTokenVerifier,
  ) {}

  /** The configured provider with this id, or INVALID_TOKEN untrusted_issuer naming the ones there are. */
  provider(id: string): OidcProviderSetting {
    const provider = this.settings.oidcProviders.find((candidate) => candidate.id === id);
    if (provider) return provider;
    const known = this.settings.oidcProviders.map((candidate) => candidate.id);
    throw invalidToken(
      'untrusted_issuer',
      `No OpenID provider with this id is configured (issuer: is the id from OIDC_PROVIDERS${known.length > 0 ? `: ${known.join(', ')}` : '; none is configured'})`,
    );
  }

  /** createSessionFromIdToken: verifies the token against the provider, then signs its user in. */
  async signInWithIdToken(providerId: string, idToken: string, nonce?: string | null): Promise<SessionPayload> {
    const provider = this.provider(providerId);
    if (!this.verifier) throw new Error('OidcSignInService: no IdTokenVerifier given');
    const claims = await this.verifier.verify(provider, idToken, nonce);
    return (await this.signIn(provider, claims)).session;
  }

  /** A session for the person the provider proved `claims` for (already verified by the caller). */
  async signIn(provider: OidcProviderSetting, claims: VerifiedClaims): Promise<{ session: SessionPayload; outcome: OidcSignInOutcome }> {
    const email = claims.email === undefined ? undefined : normalizeEmail(claims.email);
    if (provider.allowedDomains.length > 0) {
      if (email === undefined || !isAllowedDomain(provider, email)) throw invalidToken('domain_not_allowed', `This provider signs in addresses at ${provider.allowedDomains.join(', ')} only`);
      if (!claims.emailVerified) throw invalidToken('email_not_verified', 'The provider does not vouch for this email address (email_verified); verify it with the provider first');
    }
    try {
      return await this.findOrLink(provider, claims, email);
    } catch (error) {
      // Two first sign-ins of one person at once: the second finds the first one's link.
      if (error instanceof UniqueConstraintViolationException) return this.findOrLink(provider, claims, email);
      throw error;
    }
  }

  private findOrLink(provider: OidcProviderSetting, claims: VerifiedClaims, email: string | undefined): Promise<{ session: SessionPayload; outcome: OidcSignInOutcome }> {
    return this.em.transactional(async (em) => {
      const link = await em.findOne(UserIdentity, { issuer: provider.issuer, subject: claims.sub });
      if (link) {
        const user = await em.findOneOrFail(User, { id: link.userId });
        return { session: await startSession(em, this.settings, this.principal, user, null, 'oidc'), outcome: 'known' as const };
      }
      if (email === undefined || !isEmailAddress(email)) {
        throw invalidToken('email_not_verified', 'The provider gave no email address for this account; ask for the email scope (and, at Microsoft, the email optional claim)');
      }
      if (!claims.emailVerified) {
        throw invalidToken(
          'email_not_verified',
          'The provider does not vouch for this email address (email_verified), so it cannot sign in to or create an account; verify it with the provider first',
        );
      }
      const now = new Date();
      let user = await em.findOne(User, { email });
      let outcome: OidcSignInOutcome = 'linked';
      let claimedUnverified = false;
      if (user) {
        if (user.emailVerifiedAt === null) {
          // Whoever registered this address never proved it; the provider now proves it is this
          // person's. A password or session the registrant set must not outlive that (an account
          // squatted before its owner arrived), so both end here.
          claimedUnverified = true;
          user.emailVerifiedAt = now;
          await em.nativeUpdate(User, { id: user.id }, { passwordHash: null });
          const sessions = await em.find(Session, { userId: user.id, revokedAt: null }, { fields: ['id'] });
          if (sessions.length > 0) await em.nativeUpdate(Session, { id: { $in: sessions.map((session) => session.id) } }, { revokedAt: now });
          await announceInvalidation(em, { sessionIds: sessions.map((session) => session.id) });
        }
      } else {
        outcome = 'created';
        const name = (claims.name ?? '').trim().slice(0, 100) || email.slice(0, email.indexOf('@')).slice(0, 100);
        user = em.create(User, { email, name, passwordHash: null, emailVerifiedAt: now });
        recordAuditEvent(em, this.principal, {
          targetType: 'User',
          verb: 'registered',
          targetId: user.id,
          workspaceId: null,
          actorUserId: user.id,
          changes: changedFields(null, { email, name, emailVerified: true, method: 'oidc' }),
        });
      }
      const identity = em.create(UserIdentity, { issuer: provider.issuer, subject: claims.sub, userId: user.id, emailAtLink: email });
      // Which provider, never a token; the subject is the provider's public id of the person.
      recordAuditEvent(em, this.principal, {
        targetType: 'User',
        verb: 'oidcLinked',
        targetId: user.id,
        workspaceId: null,
        actorUserId: user.id,
        changes: changedFields(null, { issuer: provider.issuer, provider: provider.id, subject: identity.subject, ...(claimedUnverified ? { emailVerified: true, password: true } : {}) }, [
          'password',
        ]),
      });
      await em.flush();
      return { session: await startSession(em, this.settings, this.principal, user, null, 'oidc'), outcome };
    });
  }
}

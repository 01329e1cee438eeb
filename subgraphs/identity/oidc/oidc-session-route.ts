// Identity's internal route for the gateway's browser sign-in (lib/oidc-settings.ts
// OIDC_SESSION_PATH): claims openid-client verified in the gateway's callback → the user (found,
// linked or created by the same rule as createSessionFromIdToken) and a new session. A refusal
// the person can act on (email not verified, domain not allowed) is an answer, not an error.
import { GraphQLError } from 'graphql';
import { HttpError } from '../../../lib/http-server.js';
import { oidcSessionRequestSchema, type OidcSessionResponse } from '../../../lib/oidc-settings.js';
import type { InternalRequest } from '../../../lib/subgraph-server.js';
import { ErrorCode } from '../../../lib/errors.js';
import { ANONYMOUS_PRINCIPAL } from '../../../lib/principal.js';
import { OidcSignInService } from './oidc-sign-in.service.js';

export async function oidcSessionRoute({ body, orm, settings }: InternalRequest): Promise<OidcSessionResponse> {
  const parsed = oidcSessionRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'BAD_REQUEST', 'Malformed OpenID session request');
  const { providerId, claims, clientIp } = parsed.data;
  const service = new OidcSignInService(orm.em.fork(), settings, { ...ANONYMOUS_PRINCIPAL, ...(clientIp ? { clientIp } : {}) });
  try {
    const { session, outcome } = await service.signIn(service.provider(providerId), claims);
    return { ok: true, token: session.token, expiresAt: session.expiresAt.toISOString(), user: { id: session.user.id, email: session.user.email, name: session.user.name }, outcome };
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.INVALID_TOKEN) return { ok: false, reason: String(error.extensions.reason), message: error.message };
    throw error;
  }
}

// The session cookie a browser sign-in sets (gateway/oidc-routes.ts), and the pipeline step that
// lets /graphql accept it as a credential: a step of its own, right after the credential step,
// that runs only when no credential header was sent. A cookie travels with requests the user
// did not mean to make (CSRF), so it counts only when the request could not have come from
// another site: an Origin that is the gateway's own or a listed CORS origin, or (browsers that
// send no Origin) a POST of application/json, which no form can send and no other site can
// send without a CORS preflight. Otherwise the request is anonymous, as if no cookie were there.
import type { IncomingMessage } from 'node:http';
import { parseCredential } from '../lib/api-key-format.js';
import type { GatewayStep } from './pipeline/step.js';

export const SESSION_COOKIE = 'atrium_session';

/** The value of one cookie in a Cookie header (the first, when sent twice), or undefined. */
export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 16_384) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value.length > 0 ? value : undefined;
  }
  return undefined;
}

/** Set-Cookie for a value the page's scripts never see, sent on top-level navigations from elsewhere (Lax) so the callback works. */
export function cookieHeader(name: string, value: string, options: { path: string; maxAgeSeconds: number; secure: boolean }): string {
  return [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Lax', ...(options.secure ? ['Secure'] : [])].join('; ');
}

/** Whether a request carrying the cookie may have been made by another site's page. */
export function isCrossSiteRisk(request: IncomingMessage, trustedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string') return !trustedOrigins.includes(origin.toLowerCase());
  const contentType = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  return !(request.method === 'POST' && contentType === 'application/json');
}

/**
 * The session cookie as the request's credential, when no header brought one and the request
 * is no CSRF risk. `trustedOrigins` (lower case, no trailing slash): the gateway's own origin
 * and the listed CORS origins (never `*`).
 */
export function sessionCookieStep(trustedOrigins: () => readonly string[]): GatewayStep {
  return {
    name: 'session-cookie',
    run: (state) => {
      if (state.credential?.outcome !== 'none') return;
      const value = readCookie(state.request, SESSION_COOKIE);
      if (value === undefined || value.length > 256) return;
      if (parseCredential(value) !== 'session') return;
      if (isCrossSiteRisk(state.request, trustedOrigins())) return;
      state.credential = { outcome: 'present', secret: value, kind: 'session' };
    },
  };
}

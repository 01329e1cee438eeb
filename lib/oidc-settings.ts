// The OpenID providers people may sign in with (OIDC_PROVIDERS): parsed once, at start, into
// a typed list that identity (createSessionFromIdToken) and the gateway (/auth/oidc/<id>/…)
// both read. Google and Microsoft are presets that fill in the issuer; any other provider is
// named by its issuer URL. Every problem is listed at once, and none quotes a client secret.
//
//   OIDC_PROVIDERS='[{"id":"google","preset":"google","clientId":"…","clientSecret":"…"},
//                    {"id":"microsoft","preset":"microsoft","tenant":"<tenant id>","clientId":"…","clientSecret":"…"},
//                    {"id":"acme","issuer":"https://idp.acme.com","clientId":"…","clientSecret":"…","allowedDomains":["acme.com"],"label":"Acme SSO"}]'
import { z } from 'zod';

export interface OidcProviderSetting {
  /** Names the provider in URLs (/auth/oidc/<id>/start) and in createSessionFromIdToken(issuer:). */
  readonly id: string;
  /** The issuer exactly as its tokens' `iss` says it (discovery at `${issuer}/.well-known/openid-configuration`). */
  readonly issuer: string;
  /** The client id registered with the provider: the audience (`aud`) of the ID tokens accepted. */
  readonly clientId: string;
  /** For the browser flow's code exchange; absent, the gateway is a public client (PKCE only). */
  readonly clientSecret?: string;
  /** Email domains allowed to sign in (lower case); empty allows any. */
  readonly allowedDomains: readonly string[];
  /** What the sign-in button says. */
  readonly label: string;
  readonly preset?: 'google' | 'microsoft';
}

/** Microsoft's v2.0 issuer names one tenant; `common`/`organizations` issue tokens whose `iss` names the user's own tenant. */
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PRESETS = {
  google: { label: 'Google', issuer: () => 'https://accounts.google.com' },
  microsoft: { label: 'Microsoft', issuer: (tenant: string) => `https://login.microsoftonline.com/${tenant.toLowerCase()}/v2.0` },
} as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on this machine only (a local provider in development and tests). */
function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'issuer must be a URL (https://idp.example.com)';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return 'issuer must be an https URL (http only on 127.0.0.1 or localhost)';
  if (url.search || url.hash) return 'issuer must not have a query or fragment';
  return undefined;
}

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'id must be 1 to 32 lower-case letters, digits or dashes'),
    preset: z.enum(['google', 'microsoft'], { message: 'preset must be "google" or "microsoft"' }).optional(),
    issuer: z.string().optional(),
    tenant: z.string().optional(),
    clientId: z.string({ message: 'clientId is required' }).min(1, 'clientId is required').max(512),
    clientSecret: z.string().min(1, 'clientSecret must not be empty (leave it out for a public client)').max(1024).optional(),
    allowedDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'allowedDomains must list domain names (acme.com)'), { message: 'allowedDomains must be a list of domain names' }).optional(),
    label: z.string().min(1).max(60, 'label must be at most 60 characters').optional(),
  })
  .strict();

/**
 * The providers OIDC_PROVIDERS lists (`undefined` or empty: none), and what is wrong with it:
 * each problem names the variable and the entry (by id or position).
 */
export function parseOidcProviders(value: string | undefined): { providers: OidcProviderSetting[]; problems: string[] } {
  const variable = 'OIDC_PROVIDERS';
  if (value === undefined || value.trim() === '') return { providers: [], problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return { providers: [], problems: [`${variable}: must be a JSON list, e.g. [{"id":"google","preset":"google","clientId":"…","clientSecret":"…"}]`] };
  }
  if (!Array.isArray(json)) return { providers: [], problems: [`${variable}: must be a JSON list of providers`] };
  const problems: string[] = [];
  const providers: OidcProviderSetting[] = [];
  const seen = new Set<string>();
  json.forEach((entry: unknown, index) => {
    const name = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? `"${(entry as { id: string }).id}"` : `#${index + 1}`;
    const say = (message: string) => problems.push(`${variable}: provider ${name}: ${message}`);
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      // Zod's messages name fields, never values: no secret is quoted.
      for (const issue of parsed.error.issues) say(issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message);
      // The check across fields too, so that a second start finds nothing new.
      const raw = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
      if (raw.preset === undefined && raw.issuer === undefined) say('issuer is required (or a preset: google, microsoft)');
      return;
    }
    const setting = parsed.data;
    if (seen.has(setting.id)) say('id is used twice');
    seen.add(setting.id);
    let issuer: string | undefined;
    if (setting.preset === 'google') {
      issuer = PRESETS.google.issuer();
      if (setting.tenant !== undefined) say('tenant is for the microsoft preset only');
    } else if (setting.preset === 'microsoft') {
      if (setting.tenant === undefined || !TENANT_ID.test(setting.tenant)) say('the microsoft preset needs tenant: your directory (tenant) id, a GUID from the Azure portal');
      else issuer = PRESETS.microsoft.issuer(setting.tenant);
    } else if (setting.tenant !== undefined) say('tenant is for the microsoft preset only');
    if (setting.preset && setting.issuer !== undefined && setting.issuer !== issuer) say(`issuer is set by the ${setting.preset} preset; leave it out`);
    if (!setting.preset) {
      if (setting.issuer === undefined) say('issuer is required (or a preset: google, microsoft)');
      else {
        const problem = issuerProblem(setting.issuer);
        if (problem) say(problem);
        else issuer = setting.issuer;
      }
    }
    if (issuer === undefined) return;
    providers.push({
      id: setting.id,
      issuer,
      clientId: setting.clientId,
      ...(setting.clientSecret !== undefined ? { clientSecret: setting.clientSecret } : {}),
      allowedDomains: (setting.allowedDomains ?? []).map((domain) => domain.toLowerCase()),
      label: setting.label ?? (setting.preset ? PRESETS[setting.preset].label : setting.id),
      ...(setting.preset ? { preset: setting.preset } : {}),
    });
  });
  return { providers: problems.length > 0 ? [] : providers, problems };
}

/** What an ID token proved, once verified (by identity's IdTokenVerifier, or by openid-client in the gateway's callback). */
export interface VerifiedClaims {
  readonly sub: string;
  /** As the provider says it (not yet normalized). */
  readonly email?: string;
  /** True only when the provider vouches for the address (`email_verified: true`). */
  readonly emailVerified: boolean;
  readonly name?: string;
}

/**
 * The claims sign-in reads, from a verified payload (an ID token, or the claims openid-client
 * verified in the gateway's callback). Microsoft's v2.0 tokens carry no `email_verified`: its
 * optional claim `xms_edov` (the email's domain is verified by the tenant) stands for it.
 */
export function claimsOf(provider: Pick<OidcProviderSetting, 'preset'>, payload: Readonly<Record<string, unknown>>): VerifiedClaims {
  const email = typeof payload.email === 'string' && payload.email.length <= 320 ? payload.email : undefined;
  const vouched = payload.email_verified === true || payload.email_verified === 'true' || (provider.preset === 'microsoft' && (payload.xms_edov === true || payload.xms_edov === 'true'));
  const name = typeof payload.name === 'string' ? payload.name : undefined;
  return { sub: String(payload.sub), ...(email !== undefined ? { email } : {}), emailVerified: email !== undefined && vouched, ...(name !== undefined ? { name } : {}) };
}

/** Whether `email` is in one of the provider's allowed domains (any, when it lists none). */
export function isAllowedDomain(provider: Pick<OidcProviderSetting, 'allowedDomains'>, email: string): boolean {
  if (provider.allowedDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return provider.allowedDomains.includes(domain);
}

/**
 * The gateway's browser sign-in asks identity for a session once openid-client has verified
 * the provider's answer (code, PKCE, ID token, nonce): this internal route, signed as every
 * internal call is, with the claims the ID token proved. One contract for both sides.
 */
export const OIDC_SESSION_PATH = '/internal/oidc-session';

export const oidcSessionRequestSchema = z
  .object({
    providerId: z.string().min(1).max(32),
    claims: z.object({
      sub: z.string().min(1).max(255),
      email: z.string().max(320).optional(),
      emailVerified: z.boolean(),
      name: z.string().max(1000).optional(),
    }),
    clientIp: z.string().max(64).optional(),
  })
  .strict();

export type OidcSessionRequest = z.infer<typeof oidcSessionRequestSchema>;

export type OidcSessionResponse =
  | {
      readonly ok: true;
      readonly token: string;
      readonly expiresAt: string;
      readonly user: { readonly id: string; readonly email: string; readonly name: string };
      readonly outcome: 'known' | 'linked' | 'created';
    }
  /** A refusal the user can act on (INVALID_TOKEN's reason: email_not_verified, domain_not_allowed, untrusted_issuer) and what to tell them. */
  | { readonly ok: false; readonly reason: string; readonly message: string };

// Reads an issuer's OpenID discovery document when a workspace trusts it (openid-client's
// discovery: the well-known address, the `issuer` comparison, the JSON checks), so that a
// typo or an issuer that is not an OpenID provider is refused at once, with a reason,
// instead of every token being refused later. Only the JWKS address is kept.
import { allowInsecureRequests, discovery } from 'openid-client';

export type IssuerDiscovery = { readonly ok: true; readonly issuer: string; readonly jwksUri: string } | { readonly ok: false; readonly reason: string };

/** Longest wait for a provider's discovery document. */
const DISCOVERY_TIMEOUT_SECONDS = 5;

export async function discoverIssuer(issuerUrl: string, audience: string, allowLoopbackHttp: boolean): Promise<IssuerDiscovery> {
  const url = new URL(issuerUrl);
  let metadata;
  try {
    const configuration = await discovery(url, audience, undefined, undefined, {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      // The caller already refused http anywhere but loopback, and anywhere in production.
      ...(url.protocol === 'http:' && allowLoopbackHttp ? { execute: [allowInsecureRequests] } : {}),
    });
    metadata = configuration.serverMetadata();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // openid-client's codes are stable and name the check; the message never holds more than the URL the admin typed.
    if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') return { ok: false, reason: `its discovery document names another issuer; use exactly the \`issuer\` of ${discoveryAddress(url)}` };
    return { ok: false, reason: `has no readable OpenID discovery document at ${discoveryAddress(url)}` };
  }
  const jwksUri = metadata.jwks_uri;
  if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri)) return { ok: false, reason: `its discovery document (${discoveryAddress(url)}) names no jwks_uri` };
  return { ok: true, issuer: metadata.issuer, jwksUri };
}

function discoveryAddress(url: URL): string {
  return `${url.href.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

// Bearer JWTs from a workspace's trusted issuers: the contract between identity (which
// stores what a workspace trusts and knows users and roles) and the gateway (which verifies
// each token itself, against the issuer's cached JWKS, and asks identity only who the
// verified email is, an answer it caches like a key's).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { LookupFailureReason, Principal } from './principal.js';

/** Identity's internal endpoint: `{ workspaceId }` → `{ issuers: TrustedIssuerDescription[] }`. */
export const TRUSTED_ISSUERS_PATH = '/internal/trusted-issuers';

/** Identity's internal endpoint: a JwtPrincipalRequest → a JwtPrincipalResult. */
export const JWT_PRINCIPAL_PATH = '/internal/jwt-principal';

/** The claim that carries the email, unless the workspace maps another. */
export const DEFAULT_EMAIL_CLAIM = 'email';
/** The claim that says the provider verified the email, unless the workspace maps another. */
export const DEFAULT_EMAIL_VERIFIED_CLAIM = 'email_verified';

/** One issuer a workspace trusts, as the gateway needs it to verify a token. */
export interface TrustedIssuerDescription {
  readonly id: string;
  /** Exactly the `iss` its tokens carry (the discovery document's `issuer`). */
  readonly issuerUrl: string;
  /** The `aud` a token must name (a client id at the provider). */
  readonly audience: string;
  /** Where its signing keys are published (the discovery document's `jwks_uri`, read when it was trusted). */
  readonly jwksUri: string;
  readonly emailClaim: string;
  readonly emailVerifiedClaim: string;
}

export interface TrustedIssuersResponse {
  readonly issuers: readonly TrustedIssuerDescription[];
}

/** Who a verified token names: its issuer (as trusted by the workspace) and its verified email. */
export interface JwtPrincipalRequest {
  readonly workspaceId: string;
  readonly trustedIssuerId: string;
  /** From a token whose signature, issuer, audience, lifetime and email_verified claim the gateway checked. */
  readonly email: string;
}

/** Why identity will not make a principal of a verified token. */
export type JwtPrincipalRefusal = 'untrusted_issuer' | 'unknown_user';

export type JwtPrincipalResult = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly reason: JwtPrincipalRefusal | LookupFailureReason };

/** Host names that are this machine: http issuers are allowed on them outside production (an identity provider run for development or tests). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why `value` cannot be an issuer URL, or undefined when it can: https, or http on loopback when allowed; no query, fragment or credentials. */
export function issuerUrlProblem(value: string, allowLoopbackHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL (https://login.example.com)';
  }
  if (url.username || url.password || url.search || url.hash) return 'must not carry credentials, a query or a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && allowLoopbackHttp && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return allowLoopbackHttp ? 'must use https (http only on 127.0.0.1, ::1 or localhost)' : 'must use https';
}

/**
 * Addresses an issuer (or its keys) may not be fetched from: a workspace admin types the URL,
 * and identity and the gateway then fetch from it, so it must not reach into the network they
 * run in (SSRF): private (RFC 1918, unique local), link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, unspecified and multicast ranges. Loopback only where
 * allowed (development and tests). A name is checked by what it resolves to now; a name that
 * later resolves elsewhere (DNS rebinding) is not caught here.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** `::ffff:10.0.0.1` is 10.0.0.1. */
function plainAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** What is wrong with where an issuer URL points (an address inside the network), or undefined. */
export async function issuerAddressProblem(value: string, allowLoopback: boolean): Promise<string | undefined> {
  const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    return `has a host name that does not resolve (${host})`;
  }
  for (const raw of addresses) {
    const { address, family } = plainAddress(raw);
    if (LOOPBACK.check(address, family)) {
      if (!allowLoopback) return 'points at this machine (loopback), which only development and tests may trust';
      continue;
    }
    if (NOT_PUBLIC.check(address, family)) return 'points at a private, link-local or reserved address; an issuer must be reachable on the internet';
  }
  return undefined;
}

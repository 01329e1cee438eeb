// Reads the credential of a request from its headers: `x-api-key: <key>`,
// `Authorization: Bearer <key or session token>`, `Authorization: Basic <key>` or
// `Basic base64(<key>:)`; and `Authorization: Bearer <JWT>` from an identity provider a
// workspace trusts (gateway/jwt-format.ts). A malformed credential (wrong prefix, length or CRC32
// checksum) is refused here, before anything is looked up.
import type { IncomingHttpHeaders } from 'node:http';
import { parseCredential } from '../lib/api-key-format.js';
import type { CredentialKind } from '../lib/principal.js';
import { readBearerJwt } from './jwt-format.js';

export type CredentialReading = { readonly outcome: 'none' } | { readonly outcome: 'invalid' } | { readonly outcome: 'present'; readonly secret: string; readonly kind: CredentialKind };

/** Longest header value worth reading; real credentials are 42 characters. */
const MAX_HEADER_LENGTH = 256;
const PRINTABLE = /^[\x21-\x7e]+$/;

function single(value: string | string[] | undefined): string | undefined | null {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : null;
  return value;
}

/** The secret inside an Authorization header, or null when the header is unusable. */
function fromAuthorization(header: string): string | null {
  const match = /^(\S+) +(\S+)$/.exec(header.trim());
  if (!match) return null;
  const [, scheme, value] = match as unknown as [string, string, string];
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return value;
    case 'basic': {
      if (parseCredential(value)) return value;
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      // Basic base64(<key>:): the key is the user name and the password must be empty.
      if (separator <= 0 || separator !== decoded.length - 1) return null;
      return decoded.slice(0, separator);
    }
    default:
      return null;
  }
}

export function readCredential(headers: IncomingHttpHeaders): CredentialReading {
  const apiKey = single(headers['x-api-key']);
  const authorization = single(headers.authorization);
  if (apiKey === null || authorization === null) return { outcome: 'invalid' };
  if (apiKey === undefined && authorization === undefined) return { outcome: 'none' };
  // A Bearer JWT from an identity provider (longer than our secrets, with dots): alone, never beside an x-api-key.
  const jwt = authorization === undefined ? undefined : readBearerJwt(authorization);
  if (jwt !== undefined) return jwt !== null && apiKey === undefined ? { outcome: 'present', secret: jwt, kind: 'jwt' } : { outcome: 'invalid' };
  const candidates: string[] = [];
  for (const value of [apiKey, authorization]) {
    if (value === undefined) continue;
    if (value.length === 0 || value.length > MAX_HEADER_LENGTH || !PRINTABLE.test(value.replaceAll(' ', ''))) return { outcome: 'invalid' };
  }
  if (apiKey !== undefined) candidates.push(apiKey);
  if (authorization !== undefined) {
    const secret = fromAuthorization(authorization);
    if (secret === null) return { outcome: 'invalid' };
    candidates.push(secret);
  }
  // Two credentials that disagree are refused rather than guessed between.
  if (candidates.some((candidate) => candidate !== candidates[0])) return { outcome: 'invalid' };
  const secret = candidates[0];
  const format = parseCredential(secret);
  if (!format) return { outcome: 'invalid' };
  return { outcome: 'present', secret, kind: format };
}

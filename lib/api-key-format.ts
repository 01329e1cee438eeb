// The credential format of DESIGN.md "Credentials": a kind prefix, 190 random bits from
// the CSPRNG in base62, and a CRC32 checksum. The prefix lets secret scanners recognise a
// leaked key; the checksum lets the gateway refuse a mistyped or forged key without a
// database lookup. Only the SHA-256 of a secret is ever stored. Invitation tokens and the
// mailed account tokens (email verification, password reset) share the format (a scanner
// knows them too) but are not credentials: no header accepts them.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const CREDENTIAL_PREFIXES = {
  user_key: 'atk_',
  workspace_key: 'atw_',
  session: 'ats_',
} as const;

export type CredentialFormatKind = keyof typeof CREDENTIAL_PREFIXES;

/** Every secret Atrium hands out: the credentials, and tokens that only one mutation reads. */
export const SECRET_PREFIXES = {
  ...CREDENTIAL_PREFIXES,
  invitation: 'ati_',
  /** A mailed link that proves an address: verifying the account's email, or the new one of changeEmail (verifyEmail reads both). */
  email_verification: 'atv_',
  /** A mailed link that sets a new password (resetPassword). */
  password_reset: 'atr_',
} as const;

export type SecretKind = keyof typeof SECRET_PREFIXES;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32; // 32 base62 characters ≈ 190 bits
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
const BODY = new RegExp(`^[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

/** CRC-32 (IEEE 802.3), the checksum GitHub's and npm's tokens carry. */
const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function toBase62(value: number, length: number): string {
  let text = '';
  let rest = value;
  for (let index = 0; index < length; index += 1) {
    text = ALPHABET[rest % 62] + text;
    rest = Math.floor(rest / 62);
  }
  return text;
}

function randomBase62(length: number): string {
  // Rejection sampling keeps every character uniform (248 = 4 × 62).
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && text.length < length) text += ALPHABET[byte % 62];
    }
  }
  return text;
}

/** A new secret of the given kind. Shown once to its owner, never stored. */
export function generateCredential(kind: SecretKind): string {
  const prefix = SECRET_PREFIXES[kind];
  const random = randomBase62(RANDOM_LENGTH);
  return `${prefix}${random}${toBase62(crc32(prefix + random), CHECKSUM_LENGTH)}`;
}

function kindOf<K extends string>(secret: string, prefixes: Readonly<Record<K, string>>): K | undefined {
  for (const [kind, prefix] of Object.entries(prefixes) as [K, string][]) {
    if (!secret.startsWith(prefix)) continue;
    const body = secret.slice(prefix.length);
    if (!BODY.test(body)) return undefined;
    const random = body.slice(0, RANDOM_LENGTH);
    const checksum = body.slice(RANDOM_LENGTH);
    return checksum === toBase62(crc32(prefix + random), CHECKSUM_LENGTH) ? kind : undefined;
  }
  return undefined;
}

/** The kind of a well-formed credential; undefined for a wrong prefix, length, alphabet or checksum (and for tokens that are not credentials). */
export function parseCredential(secret: string): CredentialFormatKind | undefined {
  return kindOf(secret, CREDENTIAL_PREFIXES);
}

/** True for a well-formed secret of this kind: right prefix, length, alphabet and checksum. */
export function isWellFormedSecret(secret: string, kind: SecretKind): boolean {
  return kindOf(secret, SECRET_PREFIXES) === kind;
}

/** SHA-256 hex of a secret: what the database stores and what lookups use. */
export function hashCredential(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time. */
export function hashesEqual(left: string, right: string): boolean {
  const a = Buffer.from(left, 'hex');
  const b = Buffer.from(right, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What lists show instead of a secret: prefix, first 4 and last 4 characters (`atk_4fQx…9Zb1`). */
export function maskCredential(secret: string): string {
  const prefix = Object.values(CREDENTIAL_PREFIXES).find((candidate) => secret.startsWith(candidate)) ?? '';
  const body = secret.slice(prefix.length);
  return `${prefix}${body.slice(0, 4)}…${body.slice(-4)}`;
}

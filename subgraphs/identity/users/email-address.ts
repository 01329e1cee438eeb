// Email addresses as identity stores them: trimmed and lower-cased, so that one address is
// one account, one membership, one pending invitation, whatever its case.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form in which an address is stored and compared. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A plausible address (something@somewhere.tld) of at most 254 characters (RFC 5321). */
export function isEmailAddress(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

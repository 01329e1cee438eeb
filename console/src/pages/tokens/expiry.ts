// Key lifetimes as the API offers them (KeyExpiry), rotation grace periods (rotateApiKey:
// 0 to 30 days, in seconds), and how soon an expiry deserves a warning.
import type { KeyExpiry } from '../../gql/graphql';

export const EXPIRY_CHOICES: readonly { readonly value: KeyExpiry; readonly label: string }[] = [
  { value: 'ONE_MONTH', label: '1 month (30 days)' },
  { value: 'TWO_MONTHS', label: '2 months (60 days)' },
  { value: 'THREE_MONTHS', label: '3 months (90 days)' },
  { value: 'SIX_MONTHS', label: '6 months (180 days)' },
  { value: 'ONE_YEAR', label: '1 year (365 days)' },
  { value: 'TWO_YEARS', label: '2 years (730 days)' },
  { value: 'NEVER', label: 'Never expires' },
];

export const DEFAULT_EXPIRY: KeyExpiry = 'THREE_MONTHS';

export const GRACE_CHOICES: readonly { readonly seconds: number; readonly label: string }[] = [
  { seconds: 0, label: 'None: the old secret stops working at once' },
  { seconds: 3_600, label: '1 hour' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 7 * 86_400, label: '7 days' },
  { seconds: 30 * 86_400, label: '30 days (the longest)' },
];

export const DEFAULT_GRACE_SECONDS = 3_600;

const WARNING_WINDOW_MS = 7 * 86_400_000;

/** True when a key still working expires within 7 days. */
export function expiresSoon(expiresAt: string | null, now = Date.now()): boolean {
  if (!expiresAt) return false;
  const left = new Date(expiresAt).getTime() - now;
  return left > 0 && left <= WARNING_WINDOW_MS;
}

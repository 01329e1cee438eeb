// Issuing and using mailed account tokens (account-token.entity.ts). A new token of a
// purpose ends the user's earlier unused ones of that purpose (only the latest mail works);
// using one is a single conditional UPDATE (unused, unexpired, by id), so of two uses at
// once exactly one changes a row and the other is refused like any unusable token.
import { generateCredential, hashCredential, isWellFormedSecret, type SecretKind } from '../../../lib/api-key-format.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import { AccountToken, AccountTokenPurpose } from './account-token.entity.js';

/** The token format of each purpose: both email purposes are read by verifyEmail. */
const KIND_OF_PURPOSE: Readonly<Record<AccountTokenPurpose, SecretKind>> = {
  [AccountTokenPurpose.VERIFY_EMAIL]: 'email_verification',
  [AccountTokenPurpose.CHANGE_EMAIL]: 'email_verification',
  [AccountTokenPurpose.RESET_PASSWORD]: 'password_reset',
};

export interface IssuedAccountToken {
  /** The secret, for the mail's link only: never logged, never stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

/** A new token for `email`; written by the caller's flush (in the transaction of the change that asked for it). */
export async function issueAccountToken(
  em: SubgraphEntityManager,
  request: { readonly userId: string; readonly purpose: AccountTokenPurpose; readonly email: string; readonly ttlMs: number },
): Promise<IssuedAccountToken> {
  const now = new Date();
  await em.nativeUpdate(AccountToken, { userId: request.userId, purpose: request.purpose, usedAt: null, expiresAt: { $gt: now } }, { expiresAt: now });
  const token = generateCredential(KIND_OF_PURPOSE[request.purpose]);
  const expiresAt = new Date(now.getTime() + request.ttlMs);
  em.create(AccountToken, { userId: request.userId, purpose: request.purpose, email: request.email, tokenHash: hashCredential(token), expiresAt, createdAt: now });
  return { token, expiresAt };
}

/**
 * Uses a token of one of `purposes`: the token row when this call used it, null when it is
 * malformed, unknown, of another purpose, expired, superseded or used already (one answer
 * for all of them). Run it inside the transaction of the change it allows, so that a
 * refusal after it (rolled back) leaves the token unused.
 */
export async function useAccountToken(em: SubgraphEntityManager, token: string, purposes: readonly AccountTokenPurpose[]): Promise<AccountToken | null> {
  if (typeof token !== 'string' || !purposes.some((purpose) => isWellFormedSecret(token, KIND_OF_PURPOSE[purpose]))) return null;
  const found = await em.findOne(AccountToken, { tokenHash: hashCredential(token), purpose: { $in: [...purposes] } });
  if (!found) return null;
  const now = new Date();
  const used = await em.nativeUpdate(AccountToken, { id: found.id, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now });
  return used === 1 ? found : null;
}

/** Whether a token of `purpose` could be used now (read only: using it is useAccountToken's). */
export async function isUsableAccountToken(em: SubgraphEntityManager, token: string, purpose: AccountTokenPurpose): Promise<boolean> {
  if (typeof token !== 'string' || !isWellFormedSecret(token, KIND_OF_PURPOSE[purpose])) return false;
  return (await em.count(AccountToken, { tokenHash: hashCredential(token), purpose, usedAt: null, expiresAt: { $gt: new Date() } })) === 1;
}

/** Ends a user's unused tokens of these purposes (a password was reset, an address changed). */
export async function endAccountTokens(em: SubgraphEntityManager, userId: string, purposes: readonly AccountTokenPurpose[]): Promise<void> {
  const now = new Date();
  await em.nativeUpdate(AccountToken, { userId, purpose: { $in: [...purposes] }, usedAt: null, expiresAt: { $gt: now } }, { expiresAt: now });
}

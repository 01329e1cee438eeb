// Slows down password guessing against one account: after 5 failures within 15 minutes,
// sign-ins for that email are refused until the window passes. The answer is the same
// whether or not the email has an account.
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

function emailHash(email: string): string {
  return createHash('sha256').update(email).digest('hex');
}

export async function assertNotThrottled(em: SubgraphEntityManager, email: string, now = new Date()): Promise<void> {
  const rows = await em.getConnection().execute<{ failures: number; window_started_at: Date }[]>(
    'select failures, window_started_at from "identity"."login_failures" where email_hash = ?',
    [emailHash(email)],
  );
  const row = rows[0];
  if (row && row.failures >= MAX_FAILURES && now.getTime() - new Date(row.window_started_at).getTime() < FAILURE_WINDOW_MS) {
    throw new GraphQLError('Too many failed sign-ins; try again later', { extensions: { code: ErrorCode.RATE_LIMITED } });
  }
}

export async function recordFailure(em: SubgraphEntityManager, email: string, now = new Date()): Promise<void> {
  // One statement: start a new window when the old one is over, else count on.
  await em.getConnection().execute(
    `insert into "identity"."login_failures" (email_hash, failures, window_started_at) values (?, 1, ?)
     on conflict (email_hash) do update set
       failures = case when login_failures.window_started_at < ? then 1 else login_failures.failures + 1 end,
       window_started_at = case when login_failures.window_started_at < ? then excluded.window_started_at else login_failures.window_started_at end`,
    [emailHash(email), now, new Date(now.getTime() - FAILURE_WINDOW_MS), new Date(now.getTime() - FAILURE_WINDOW_MS)],
  );
}

export async function clearFailures(em: SubgraphEntityManager, email: string): Promise<void> {
  await em.getConnection().execute('delete from "identity"."login_failures" where email_hash = ?', [emailHash(email)]);
}

// SQL pieces shared by requestLogs and ApiKey.requestLogs: conditions with their
// parameters, the newest-first order and its keyset cursor.
import { badUserInput } from '../../../lib/errors.js';
import { isId } from '../../../lib/ids.js';
import type { RequestLog } from './request-log.entity.js';

/** A SQL boolean expression over `r` (audit.request_logs) and its `?` parameters, in order. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export function sqlCondition(sql: string, ...params: unknown[]): SqlCondition {
  return { sql, params };
}

export function joinConditions(conditions: readonly SqlCondition[], separator: ' and ' | ' or ' = ' and '): SqlCondition {
  return { sql: conditions.map((condition) => condition.sql).join(separator), params: conditions.flatMap((condition) => condition.params) };
}

/** Newest first; the primary key (created_at, id) makes it a total order. */
export const REQUEST_LOG_ORDER = 'r.created_at desc, r.id desc';

export function requestLogPosition(row: RequestLog): string[] {
  return [row.createdAt.toISOString(), row.id];
}

/** Rows strictly after the cursor's (created_at, id) in newest-first order. */
export function keysetCondition(after: readonly (string | number)[] | undefined): SqlCondition {
  if (!after) return sqlCondition('true');
  const [time, id] = after;
  if (typeof time !== 'string' || Number.isNaN(Date.parse(time)) || typeof id !== 'string' || !isId(id)) {
    throw badUserInput('after is not a valid cursor', { argumentName: 'after' });
  }
  return sqlCondition('(r.created_at, r.id) < (?::timestamptz, ?::uuid)', time, id);
}

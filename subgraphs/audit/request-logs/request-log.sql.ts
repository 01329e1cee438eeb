// SQL pieces shared by requestLogs and ApiKey.requestLogs: conditions with their
// parameters, and the newest-first order (lib/paging.ts) whose keyset their cursors hold.
import { newestFirstOrder, type SqlFragment } from '../../../lib/paging.js';
import type { RequestLog } from './request-log.entity.js';

/** A SQL boolean expression over `r` (audit.request_logs) and its `?` parameters, in order. */
export type SqlCondition = SqlFragment;

export function sqlCondition(sql: string, ...params: unknown[]): SqlCondition {
  return { sql, params };
}

export function joinConditions(conditions: readonly SqlCondition[], separator: ' and ' | ' or ' = ' and '): SqlCondition {
  return { sql: conditions.map((condition) => condition.sql).join(separator), params: conditions.flatMap((condition) => condition.params) };
}

/**
 * Newest first; the primary key (created_at, id) makes it a total order, and its keyset
 * bound is a row comparison on that key, which every day partition's index answers.
 */
export const REQUEST_LOG_ORDER = newestFirstOrder<RequestLog>('requestLogs');

/** ApiKey.requestLogs: the same order, its own cursors. */
export const KEY_REQUEST_LOG_ORDER = newestFirstOrder<RequestLog>('ApiKey.requestLogs');

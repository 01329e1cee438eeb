// SQL pieces shared by requestLogs and ApiKey.requestLogs: conditions with their
// parameters, the newest-first order and its keyset cursor.
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

/** Rows strictly after a decoded cursor's (created_at, id) in newest-first order. */
export function keysetCondition(after: readonly [time: string, id: string] | undefined): SqlCondition {
  return after ? sqlCondition('(r.created_at, r.id) < (?::timestamptz, ?::uuid)', after[0], after[1]) : sqlCondition('true');
}

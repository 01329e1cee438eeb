// The requests themselves, newest first, a page at a time (cursors: Next follows the page's
// end cursor, Previous goes back to the cursor the page before started from), narrowed by
// outcome. Times in the user's zone.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../gql';
import { request } from '../../api';
import { ErrorNotice, Loading, Notice } from '../../components/states';
import type { RequestOutcome } from '../../gql/graphql';
import { formatTime, TIME_ZONE } from '../../time';
import { requestLogFilter, type TokenChoice } from './filters';
import { OUTCOME_GROUPS, outcomeBadgeClass, outcomesOf } from './outcomes';
import type { TimeRange } from './periods';

export const PAGE_SIZE = 20;

const LogsDocument = graphql(`
  query RequestLogsPage($filter: RequestLogFilter, $first: Int, $after: String) {
    requestLogs(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        createdAt
        operationName
        operationType
        outcome
        httpStatus
        durationMs
        clientIp
        correlationId
      }
    }
  }
`);

const count = new Intl.NumberFormat();

function OutcomeFilter({ value, onChange }: { value: RequestOutcome | ''; onChange: (outcome: RequestOutcome | '') => void }) {
  return (
    <div className="form-row request-logs-outcome">
      <label htmlFor="request-logs-outcome">Outcome</label>
      <select id="request-logs-outcome" value={value} onChange={(event) => onChange(event.target.value as RequestOutcome | '')}>
        <option value="">Any outcome</option>
        {OUTCOME_GROUPS.map((group) => (
          <optgroup key={group.kind} label={group.label}>
            {outcomesOf(group.kind).map((outcome) => (
              <option key={outcome} value={outcome}>
                {outcome}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** `Counted (query)`, or the operation type alone, or a dash. */
function operationText(name: string | null | undefined, type: string | null | undefined): string {
  if (name && type) return `${name} (${type.toLowerCase()})`;
  return name ?? type?.toLowerCase() ?? '—';
}

export function LogTable({ workspaceId, token, range }: { workspaceId: string; token: TokenChoice; range: TimeRange }) {
  const [outcome, setOutcome] = useState<RequestOutcome | ''>('');
  // The cursor each page starts after: the first page has none; Previous drops the last one.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const filter = requestLogFilter(token, range, outcome || undefined);
  const logs = useQuery({
    queryKey: ['requestLogs', workspaceId, filter, after],
    queryFn: async () => (await request(LogsDocument, { filter, first: PAGE_SIZE, after })).requestLogs,
  });
  // A new token or period starts from the first page again (the parent keys this component by them).
  const choose = (next: RequestOutcome | '') => {
    setOutcome(next);
    setCursors([null]);
  };
  const page = logs.data;
  const first = (cursors.length - 1) * PAGE_SIZE + 1;

  return (
    <section>
      <div className="request-logs-table-header">
        <h2 id="request-logs-table-title">Requests</h2>
        <OutcomeFilter value={outcome} onChange={choose} />
      </div>
      {logs.isPending && <Loading what="request logs" />}
      {logs.isError && <ErrorNotice error={logs.error} retry={() => void logs.refetch()} />}
      {page === null && <Notice kind="warning">Request logs are not available to this credential: ask a workspace admin for `keys:read` or `audit:read`.</Notice>}
      {page && page.nodes.length === 0 && (
        <Notice>
          {outcome
            ? `No requests ended with ${outcome} in this period: choose “Any outcome” to see the others.`
            : 'No requests in this period. A request shows here a few seconds after it is made: press Refresh, or pick a longer period or another token.'}
        </Notice>
      )}
      {page && page.nodes.length > 0 && (
        <>
          <p className="hint" aria-live="polite">
            {page.nodes.length === page.totalCount
              ? `${count.format(page.totalCount)} ${page.totalCount === 1 ? 'request' : 'requests'}, newest first.`
              : `Requests ${count.format(first)}–${count.format(first + page.nodes.length - 1)} of ${count.format(page.totalCount)}, newest first.`}{' '}
            Times in {TIME_ZONE}.
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="request-logs-table-title">
            <table className="request-logs-table">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Operation</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Status</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Client IP</th>
                  <th scope="col">Correlation id</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((log) => (
                  <tr key={log.id}>
                    <td className="nowrap">
                      <time dateTime={log.createdAt}>{formatTime(log.createdAt, true)}</time>
                    </td>
                    <td>{operationText(log.operationName, log.operationType)}</td>
                    <td>
                      <span className="request-logs-outcomes">
                        {log.outcome.map((code) => (
                          <span key={code} className={outcomeBadgeClass(code)}>
                            {code}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td>{log.httpStatus}</td>
                    <td className="nowrap">{count.format(log.durationMs)} ms</td>
                    <td>{log.clientIp ?? '—'}</td>
                    <td>
                      <code>{log.correlationId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {page && (cursors.length > 1 || page.pageInfo.hasNextPage) && (
        <nav className="request-logs-pager" aria-label="Pages of requests">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous
          </button>
          <button type="button" disabled={!page.pageInfo.hasNextPage || !page.pageInfo.endCursor} onClick={() => setCursors([...cursors, page.pageInfo.endCursor ?? null])}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}

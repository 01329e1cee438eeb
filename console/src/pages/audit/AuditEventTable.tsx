// One page of audit events as a table: when (in your zone), what, to which record, by whom
// and with which credential, the request's correlation id, and each change as field: old → new.
// Every value is rendered as React text (never as markup), whatever it holds.
import { formatTime } from '../../time';
import type { AuditEventRow, AuditView } from './audit-events';
import { actionLabel, CREDENTIAL_KIND_LABELS, formatChangeValue, TARGET_TYPE_LABELS } from './audit-labels';

function ChangeValue({ value }: { value: unknown }) {
  const text = formatChangeValue(value);
  return <span className={value === null || value === undefined || value === '' ? 'audit-value audit-value-none' : 'audit-value'}>{text}</span>;
}

function Changes({ changes }: { changes: AuditEventRow['changes'] }) {
  if (changes.length === 0) return <span>—</span>;
  return (
    <ul className="audit-changes">
      {changes.map((change) => (
        <li key={change.field}>
          <code>{change.field}</code>:{' '}
          {change.valuesHidden ? (
            <span className="audit-value-none">changed (values are never kept)</span>
          ) : (
            <>
              <ChangeValue value={change.old} /> → <ChangeValue value={change.new} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function Actor({ event }: { event: AuditEventRow }) {
  if (event.actor) return <span title={event.actor.email}>{event.actor.name}</span>;
  if (event.credentialKind === 'WORKSPACE_KEY') return <span>A workspace key</span>;
  return <span>—</span>;
}

export function AuditEventTable({ view, events, caption }: { view: AuditView; events: readonly AuditEventRow[]; caption: string }) {
  return (
    // Focusable: on a narrow screen the table scrolls sideways, by keyboard too.
    <div className="table-wrap" role="region" aria-labelledby="audit-table-caption" tabIndex={0}>
      <table className="audit-table">
        <caption id="audit-table-caption" className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">{view === 'mine' ? 'Workspace' : 'Actor'}</th>
            <th scope="col">Credential</th>
            <th scope="col">Correlation id</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="audit-time">
                <time dateTime={event.createdAt}>{formatTime(event.createdAt, true)}</time>
              </td>
              <td>{actionLabel(event.action)}</td>
              <td>
                {TARGET_TYPE_LABELS[event.targetType] ?? event.targetType}
                <br />
                <code>{event.targetId}</code>
              </td>
              <td>{view === 'mine' ? (event.workspace?.name ?? <span className="audit-value-none">Your account</span>) : <Actor event={event} />}</td>
              <td>{event.credentialKind ? CREDENTIAL_KIND_LABELS[event.credentialKind] : '—'}</td>
              <td>{event.correlationId ? <code>{event.correlationId}</code> : '—'}</td>
              <td className="audit-changes-cell">
                <Changes changes={event.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The audit trail: who changed what, when, with which credential, and each field's old → new.
// Two views as tabs: the current workspace's events (with audit:read, `viewer.can.readAuditLog`)
// and your own across your account and workspaces (`me { auditEvents }`). Filtered by period,
// action and target type; paged with next and previous (cursors, newest first).
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CONFIG } from '../config';
import { ErrorNotice, Loading, Page } from '../components/states';
import { Tabs, tabPanelProps } from '../components/Tabs';
import { useSignedIn } from '../session';
import { TIME_ZONE } from '../time';
import { useViewer } from '../viewer';
import type { AuditAction, AuditTargetType } from '../gql/graphql';
import { AuditEventTable } from './audit/AuditEventTable';
import { fetchAuditEvents, PAGE_SIZE, type AuditFilters, type AuditView } from './audit/audit-events';
import { actionLabel, actionsFor, TARGET_TYPE_LABELS, TARGET_TYPES, targetTypeOf } from './audit/audit-labels';
import './audit/audit.css';

/** The periods offered: a day, a week, 90 days, none longer than what is kept (and all that is kept). */
function periodOptions(retentionDays: number): { days: number; label: string }[] {
  const options = [
    { days: 1, label: 'Last 24 hours' },
    { days: 7, label: 'Last 7 days' },
    { days: 90, label: 'Last 90 days' },
  ].filter((option) => option.days <= retentionDays);
  if (!options.some((option) => option.days === retentionDays)) options.push({ days: retentionDays, label: `Last ${retentionDays} days (all that is kept)` });
  return options;
}

const VIEW_LABELS: Record<AuditView, string> = { workspace: 'Workspace events', mine: 'Your activity' };

function Filters({ filters, onChange }: { filters: AuditFilters; onChange: (filters: AuditFilters) => void }) {
  const periods = periodOptions(CONFIG.retentionDays);
  const actions = actionsFor(filters.targetType);
  return (
    <form className="audit-filters" aria-label="Filter events" onSubmit={(event) => event.preventDefault()}>
      <div className="form-row">
        <label htmlFor="audit-period">Period</label>
        <select id="audit-period" value={filters.days} onChange={(event) => onChange({ ...filters, days: Number(event.target.value) })}>
          {periods.map((period) => (
            <option key={period.days} value={period.days}>
              {period.label}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor="audit-target-type">Target type</label>
        <select
          id="audit-target-type"
          value={filters.targetType ?? ''}
          onChange={(event) => {
            const targetType = (event.target.value || null) as AuditTargetType | null;
            // An action about another type of record would match nothing: drop it.
            const action = filters.action && targetType && targetTypeOf(filters.action) !== targetType ? null : filters.action;
            onChange({ ...filters, targetType, action });
          }}
        >
          <option value="">Any type</option>
          {TARGET_TYPES.map((targetType) => (
            <option key={targetType} value={targetType}>
              {TARGET_TYPE_LABELS[targetType]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" value={filters.action ?? ''} onChange={(event) => onChange({ ...filters, action: (event.target.value || null) as AuditAction | null })}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {actionLabel(action)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

function describePeriod(days: number): string {
  return days === 1 ? 'the last 24 hours' : `the last ${days} days`;
}

function EventList({ view, filters, workspaceId }: { view: AuditView; filters: AuditFilters; workspaceId: string | null }) {
  // The cursors of the pages before this one: previous goes back one, next adds one.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const query = useQuery({
    queryKey: ['auditTrail', view, view === 'workspace' ? workspaceId : null, filters, after],
    // The page number travels with its events: while the next page loads, the one shown keeps its own.
    queryFn: async () => ({ ...(await fetchAuditEvents(view, filters, after, CONFIG.retentionDays)), pageNumber: cursors.length }),
    placeholderData: keepPreviousData,
  });

  if (query.isPending) return <Loading what="audit events" />;
  if (query.isError && !query.data) return <ErrorNotice error={query.error} retry={() => void query.refetch()} />;
  const page = query.data;
  const pageNumber = page.pageNumber;
  const first = (pageNumber - 1) * PAGE_SIZE + 1;
  const caption = `${VIEW_LABELS[view]} in ${describePeriod(filters.days)}`;
  return (
    <div aria-busy={query.isFetching}>
      {query.isError && <ErrorNotice error={query.error} retry={() => void query.refetch()} />}
      <p className="audit-count" role="status">
        {page.totalCount === 0
          ? `No events in ${describePeriod(filters.days)}${filters.action || filters.targetType ? ' match these filters' : ''}.`
          : `Events ${first}–${first + page.events.length - 1} of ${page.totalCount} in ${describePeriod(filters.days)}.`}
      </p>
      {page.totalCount === 0 ? (
        <p className="hint">
          {view === 'mine' ? 'Changes you make (keys, members, settings, your account) appear here within seconds.' : 'Changes made in this workspace appear here within seconds.'} Try a longer period
          or fewer filters.
        </p>
      ) : (
        <AuditEventTable view={view} events={page.events} caption={caption} />
      )}
      {(cursors.length > 1 || page.hasNextPage) && (
        <nav className="pager" aria-label="Pages of events">
          <button type="button" disabled={pageNumber === 1 || query.isFetching} onClick={() => setCursors((current) => current.slice(0, pageNumber - 1))}>
            Previous page
          </button>
          <span>Page {pageNumber}</span>
          <button type="button" disabled={!page.hasNextPage || query.isFetching} onClick={() => setCursors((current) => [...current.slice(0, pageNumber), page.endCursor])}>
            Next page
          </button>
        </nav>
      )}
    </div>
  );
}

export function AuditTrail() {
  const { workspaceId, workspaces } = useSignedIn();
  const viewer = useViewer();
  const [chosen, setChosen] = useState<AuditView | null>(null);
  const [filters, setFilters] = useState<AuditFilters>({ days: 1, action: null, targetType: null });
  const intro = `Who changed what, and when. Audit events are kept ${CONFIG.retentionDays} days; times are in your time zone (${TIME_ZONE}).`;

  if (viewer.isPending) {
    return (
      <Page title="Audit trail" intro={intro}>
        <Loading what="your permissions" />
      </Page>
    );
  }
  if (viewer.isError) {
    return (
      <Page title="Audit trail" intro={intro}>
        <ErrorNotice error={viewer.error} retry={() => void viewer.refetch()} />
      </Page>
    );
  }
  // The workspace's events need audit:read there; your own are always yours to read.
  const views: AuditView[] = workspaceId !== null && viewer.data.can.readAuditLog ? ['workspace', 'mine'] : ['mine'];
  const view = chosen && views.includes(chosen) ? chosen : views[0];
  const workspaceName = workspaces.find((workspace) => workspace.id === workspaceId)?.name;

  return (
    <Page title="Audit trail" intro={intro}>
      {views.length > 1 ? (
        <Tabs id="audit" label="Which events" tabs={views} labels={VIEW_LABELS} selected={view} onSelect={setChosen} />
      ) : (
        <p className="hint">Your own activity: reading a workspace&apos;s events needs the audit:read permission there. Ask a workspace admin if you need it.</p>
      )}
      <div {...(views.length > 1 ? tabPanelProps('audit', view) : { id: 'audit-panel' })}>
        <p className="hint">{view === 'workspace' ? `Changes made in ${workspaceName ?? 'this workspace'} by anyone.` : 'Changes you made, to your account and in every workspace you are in.'}</p>
        <Filters filters={filters} onChange={setFilters} />
        {/* A new list (and back to its first page) for each view, workspace and filter. */}
        <EventList key={`${view}:${workspaceId ?? ''}:${JSON.stringify(filters)}`} view={view} filters={filters} workspaceId={workspaceId} />
      </div>
    </Page>
  );
}

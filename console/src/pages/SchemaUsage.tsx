// Schema usage (audit:read): for one schema coordinate (`Type.field`, an argument, an enum
// value) over the last 7, 30 or 90 days, how many requests touched it, which clients sent
// them and through which operations (`schemaUsage`); and, as a second tab, the schema's
// coordinates no recorded request touched (`unusedFields`), for cleanup. Whose traffic is
// counted (this workspace's, or in the operators' workspace everyone's) is said on top.
import { useId, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { graphql } from '../gql';
import { request } from '../api';
import { CONFIG } from '../config';
import { ErrorNotice, Loading, Notice, Page } from '../components/states';
import { Tabs, tabPanelProps } from '../components/Tabs';
import type { SchemaCoordinateKind, SchemaUsageQuery, SchemaUsageScope } from '../gql/graphql';
import { useSignedIn } from '../session';
import { formatTime, TIME_ZONE } from '../time';
import { useViewer } from '../viewer';
import './SchemaUsage.css';

const UsageDocument = graphql(`
  query SchemaUsage($coordinate: String!, $from: DateTime) {
    schemaUsage(coordinate: $coordinate, from: $from) {
      coordinate
      from
      to
      scope
      requests
      lastSeen
      clients {
        name
        version
        requests
        lastSeen
      }
      operations {
        documentHash
        name
        type
        requests
        lastSeen
        clients {
          name
          version
          requests
        }
      }
    }
  }
`);

// Whose traffic the page counts, asked once: the scope of any coordinate's answer (the root type, today only: one cheap read).
const ScopeDocument = graphql(`
  query SchemaUsageScope($from: DateTime) {
    schemaUsage(coordinate: "Query", from: $from) {
      scope
    }
  }
`);

const UnusedDocument = graphql(`
  query SchemaUsageUnused($days: Int, $kinds: [SchemaCoordinateKind!], $first: Int, $after: String) {
    unusedFields(days: $days, kinds: $kinds, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        coordinate
        kind
        deprecationReason
      }
    }
  }
`);

type Usage = NonNullable<SchemaUsageQuery['schemaUsage']>;
type Client = Usage['clients'][number];

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;
const count = new Intl.NumberFormat();

/** The periods offered, none longer than what is kept. */
function periodOptions(retentionDays: number): number[] {
  const options = [7, 30, 90].filter((days) => days <= retentionDays);
  return options.length > 0 ? options : [retentionDays];
}

const KIND_LABELS: Record<SchemaCoordinateKind, string> = {
  TYPE: 'Types',
  FIELD: 'Fields',
  ARGUMENT: 'Arguments',
  INPUT_FIELD: 'Input fields',
  ENUM_VALUE: 'Enum values',
};
const KINDS = Object.keys(KIND_LABELS) as SchemaCoordinateKind[];

const SCOPE_NOTES: Record<SchemaUsageScope, string> = {
  WORKSPACE: "This workspace's traffic: requests made in it, by any of its keys and members.",
  DEPLOYMENT: "Every workspace's traffic: you are in the operators' workspace, so requests from every workspace (and those made without one) are counted.",
};

/** `web 2.0.1`, or what is known of it. */
function clientLabel(client: Pick<Client, 'name' | 'version'>): string {
  if (!client.name) return 'No client named';
  return client.version ? `${client.name} ${client.version}` : client.name;
}

type Tab = 'usage' | 'unused';
const TAB_LABELS: Record<Tab, string> = { usage: 'Coordinate usage', unused: 'Unused fields' };
const TABS: readonly Tab[] = ['usage', 'unused'];

function PeriodSelect({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  const id = useId();
  return (
    <div className="form-row">
      <label htmlFor={id}>Period</label>
      <select id={id} value={days} onChange={(event) => onChange(Number(event.target.value))}>
        {periodOptions(CONFIG.retentionDays).map((option) => (
          <option key={option} value={option}>
            Last {option} days
          </option>
        ))}
      </select>
    </div>
  );
}

function ClientsTable({ clients }: { clients: readonly Client[] }) {
  return (
    <section aria-labelledby="usage-clients-title">
      <h3 id="usage-clients-title">Clients</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="usage-clients-title">
        <table className="usage-table">
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Version</th>
              <th scope="col">Requests</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {clients.map((client) => (
              <tr key={`${client.name ?? ''}\u0000${client.version ?? ''}`}>
                <td>{client.name ?? <span className="hint-inline">No client named</span>}</td>
                <td>{client.version ?? '—'}</td>
                <td className="number">{count.format(client.requests)}</td>
                <td className="nowrap">
                  <time dateTime={client.lastSeen}>{formatTime(client.lastSeen)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OperationsTable({ operations }: { operations: Usage['operations'] }) {
  return (
    <section aria-labelledby="usage-operations-title">
      <h3 id="usage-operations-title">Operations</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="usage-operations-title">
        <table className="usage-table">
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">Document</th>
              <th scope="col">Type</th>
              <th scope="col">Requests</th>
              <th scope="col">Last seen</th>
              <th scope="col">Clients</th>
            </tr>
          </thead>
          <tbody>
            {operations.map((operation) => (
              <tr key={`${operation.documentHash}\u0000${operation.name ?? ''}`}>
                <td>{operation.name ?? <span className="hint-inline">Anonymous</span>}</td>
                <td>
                  <code title={operation.documentHash}>{operation.documentHash.slice(0, 12)}</code>
                  <span className="visually-hidden">, document hash {operation.documentHash}</span>
                </td>
                <td>{operation.type.toLowerCase()}</td>
                <td className="number">{count.format(operation.requests)}</td>
                <td className="nowrap">
                  <time dateTime={operation.lastSeen}>{formatTime(operation.lastSeen)}</time>
                </td>
                <td>
                  <ul className="usage-clients">
                    {operation.clients.map((client) => (
                      <li key={`${client.name ?? ''}\u0000${client.version ?? ''}`}>
                        {clientLabel(client)} ({count.format(client.requests)})
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CoordinateUsage({ coordinate, days }: { coordinate: string; days: number }) {
  const { workspaceId } = useSignedIn();
  const usage = useQuery({
    queryKey: ['schemaUsage', workspaceId, coordinate, days],
    // The API counts whole UTC days and moves a start before retention to the oldest day kept.
    queryFn: async () => (await request(UsageDocument, { coordinate, from: new Date(Date.now() - days * DAY_MS).toISOString() })).schemaUsage,
  });
  if (usage.isPending) return <Loading what={`the usage of ${coordinate}`} />;
  if (usage.isError) return <ErrorNotice error={usage.error} retry={() => void usage.refetch()} />;
  const answer = usage.data;
  if (!answer) return <Notice kind="warning">Schema usage is not available to this credential: it needs audit:read in this workspace.</Notice>;
  if (answer.requests === 0) {
    return (
      <Notice>
        No recorded request touched <code>{answer.coordinate}</code> in the last {days} days. Usage counts only requests made since recording began; check the spelling (<code>Type.field</code>,{' '}
        <code>Type.field(argument:)</code>, <code>Enum.VALUE</code>), or pick a longer period.
      </Notice>
    );
  }
  return (
    <section aria-labelledby="usage-result-title" aria-live="polite">
      <h2 id="usage-result-title">
        <code>{answer.coordinate}</code>
      </h2>
      <dl className="usage-summary">
        <div>
          <dt>Requests</dt>
          <dd>{count.format(answer.requests)}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>{answer.lastSeen ? <time dateTime={answer.lastSeen}>{formatTime(answer.lastSeen)}</time> : '—'}</dd>
        </div>
        <div>
          <dt>Counted</dt>
          <dd>
            {formatTime(answer.from)} to {formatTime(answer.to)}
          </dd>
        </div>
      </dl>
      <ClientsTable clients={answer.clients} />
      <OperationsTable operations={answer.operations} />
    </section>
  );
}

function UsageTab({ days, onDays }: { days: number; onDays: (days: number) => void }) {
  const [draft, setDraft] = useState('');
  const [coordinate, setCoordinate] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = draft.trim();
    if (wanted) setCoordinate(wanted);
  }
  return (
    <>
      <form className="usage-controls" role="search" aria-label="Usage of a coordinate" onSubmit={submit}>
        <div className="form-row usage-coordinate">
          <label htmlFor={inputId}>Schema coordinate</label>
          <input
            id={inputId}
            type="search"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder="Workspace.name"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
          />
          <p id={hintId} className="hint">
            <code>Type</code>, <code>Type.field</code>, <code>Type.field(argument:)</code>, <code>Enum.VALUE</code> or <code>Input.field</code>: a field the schema no longer has works too.
          </p>
        </div>
        <PeriodSelect days={days} onChange={onDays} />
        <div className="usage-submit">
          <button type="submit" className="primary">
            Show usage
          </button>
        </div>
      </form>
      {coordinate ? <CoordinateUsage key={`${coordinate}:${days}`} coordinate={coordinate} days={days} /> : <p className="hint">Type a coordinate to see who uses it.</p>}
    </>
  );
}

function UnusedTab({ days, onDays }: { days: number; onDays: (days: number) => void }) {
  const [kind, setKind] = useState<SchemaCoordinateKind | ''>('');
  // The cursors of the pages before this one: previous goes back one, next adds one.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const kindId = useId();
  const { workspaceId } = useSignedIn();
  const after = cursors.at(-1) ?? null;
  const unused = useQuery({
    queryKey: ['unusedFields', workspaceId, days, kind, after],
    queryFn: async () => (await request(UnusedDocument, { days, kinds: kind ? [kind] : null, first: PAGE_SIZE, after })).unusedFields,
    placeholderData: keepPreviousData,
  });
  const restart = () => setCursors([null]);
  const page = unused.data;
  const pageNumber = cursors.length;
  const first = (pageNumber - 1) * PAGE_SIZE + 1;
  return (
    <>
      <p className="hint">
        Counted from recorded requests only: a coordinate added, or first recorded, less than {days} days ago is listed too, and a field one of your clients uses rarely may not have been called in the
        period. Check with a longer period before removing anything.
      </p>
      <form className="usage-controls" aria-label="Filter unused coordinates" onSubmit={(event) => event.preventDefault()}>
        <PeriodSelect
          days={days}
          onChange={(next) => {
            onDays(next);
            restart();
          }}
        />
        <div className="form-row">
          <label htmlFor={kindId}>Kind</label>
          <select
            id={kindId}
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as SchemaCoordinateKind | '');
              restart();
            }}
          >
            <option value="">Every kind</option>
            {KINDS.map((option) => (
              <option key={option} value={option}>
                {KIND_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {unused.isPending && <Loading what="unused coordinates" />}
      {unused.isError && <ErrorNotice error={unused.error} retry={() => void unused.refetch()} />}
      {page === null && <Notice kind="warning">Schema usage is not available to this credential: it needs audit:read in this workspace.</Notice>}
      {page && page.totalCount === 0 && (
        <Notice>
          Every coordinate{kind ? ` of this kind` : ''} was used in the last {days} days.
        </Notice>
      )}
      {page && page.totalCount > 0 && (
        <div aria-busy={unused.isFetching}>
          <p className="hint" role="status">
            Unused {first}–{first + page.nodes.length - 1} of {count.format(page.totalCount)} in the last {days} days, in alphabetical order.
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="usage-unused-title">
            <table className="usage-table">
              <caption id="usage-unused-title" className="visually-hidden">
                Schema coordinates no recorded request touched in the last {days} days
              </caption>
              <thead>
                <tr>
                  <th scope="col">Coordinate</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Deprecated</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((node) => (
                  <tr key={node.coordinate}>
                    <td>
                      <code>{node.coordinate}</code>
                    </td>
                    <td>{KIND_LABELS[node.kind].replace(/s$/, '').toLowerCase()}</td>
                    <td>
                      {node.deprecationReason ? (
                        <>
                          <span className="badge badge-warning">Deprecated</span> {node.deprecationReason}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {page && (cursors.length > 1 || page.pageInfo.hasNextPage) && (
        <nav className="usage-pager" aria-label="Pages of unused coordinates">
          <button type="button" disabled={pageNumber === 1 || unused.isFetching} onClick={() => setCursors((current) => current.slice(0, -1))}>
            Previous page
          </button>
          <span>Page {pageNumber}</span>
          <button type="button" disabled={!page.pageInfo.hasNextPage || unused.isFetching} onClick={() => setCursors((current) => [...current, page.pageInfo.endCursor ?? null])}>
            Next page
          </button>
        </nav>
      )}
    </>
  );
}

function ScopeNote() {
  const { workspaceId } = useSignedIn();
  const scope = useQuery({
    queryKey: ['schemaUsageScope', workspaceId],
    queryFn: async () => (await request(ScopeDocument, { from: new Date().toISOString() })).schemaUsage?.scope ?? null,
  });
  if (!scope.data) return null;
  return <p className="usage-scope">{SCOPE_NOTES[scope.data]}</p>;
}

export function SchemaUsage() {
  const { workspaceId } = useSignedIn();
  const viewer = useViewer();
  const [tab, setTab] = useState<Tab>('usage');
  const [days, setDays] = useState(() => Math.min(30, CONFIG.retentionDays));
  const intro = `Which clients and operations use each part of the API schema, from the requests the gateway records (kept ${CONFIG.retentionDays} days). Times are in ${TIME_ZONE}.`;

  if (viewer.isPending) {
    return (
      <Page title="Schema usage" intro={intro}>
        <Loading what="your permissions" />
      </Page>
    );
  }
  if (viewer.isError) {
    return (
      <Page title="Schema usage" intro={intro}>
        <ErrorNotice error={viewer.error} retry={() => void viewer.refetch()} />
      </Page>
    );
  }
  if (workspaceId === null || !viewer.data.can.readAuditLog) {
    return (
      <Page title="Schema usage" intro={intro}>
        <Notice>Schema usage needs the audit:read permission in the current workspace. Ask a workspace admin if you need it.</Notice>
      </Page>
    );
  }
  return (
    <Page title="Schema usage" intro={intro}>
      {/* A new workspace is another scope: everything below starts again. */}
      <div key={workspaceId}>
        <ScopeNote />
        <Tabs id="usage" label="Schema usage views" tabs={TABS} labels={TAB_LABELS} selected={tab} onSelect={setTab} />
        <div {...tabPanelProps('usage', tab)}>{tab === 'usage' ? <UsageTab days={days} onDays={setDays} /> : <UnusedTab days={days} onDays={setDays} />}</div>
      </div>
    </Page>
  );
}

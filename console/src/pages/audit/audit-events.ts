// The two lists the audit trail shows: the current workspace's events (`auditEvents`, with
// audit:read) and your own (`me { auditEvents }`, asked without a workspace so that it
// spans your account and every workspace you are in), one page at a time, newest first.
import { graphql } from '../../gql';
import { request } from '../../api';
import type { AuditAction, AuditTargetType, AuditTrailEventFragment } from '../../gql/graphql';

export const PAGE_SIZE = 20;

graphql(`
  fragment AuditTrailEvent on AuditEvent {
    id
    createdAt
    action
    targetType
    targetId
    credentialKind
    correlationId
    actor {
      id
      name
      email
    }
    workspace {
      id
      name
    }
    changes {
      field
      old
      new
      valuesHidden
    }
  }
`);

const WorkspaceEventsDocument = graphql(`
  query AuditTrailWorkspaceEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...AuditTrailEvent
      }
    }
  }
`);

const MyEventsDocument = graphql(`
  query AuditTrailMyEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    me {
      id
      auditEvents(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...AuditTrailEvent
        }
      }
    }
  }
`);

export type AuditView = 'workspace' | 'mine';
export type AuditEventRow = AuditTrailEventFragment;

export interface AuditFilters {
  /** How many days back (the period). */
  readonly days: number;
  readonly action: AuditAction | null;
  readonly targetType: AuditTargetType | null;
}

export interface AuditEventPage {
  readonly events: readonly AuditEventRow[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

const DAY_MS = 86_400_000;
/**
 * The API refuses a start before its retention window, measured by its own clock when the
 * request arrives: a period as long as retention starts a little later than that, so that
 * the request's travel (or a browser clock a little off) does not push it outside.
 */
const RETENTION_MARGIN_MS = 10 * 60_000;

/** The start of the period: `days` back from now, never before what is kept. */
export function periodStart(days: number, retentionDays: number, now = Date.now()): string {
  const start = days >= retentionDays ? now - retentionDays * DAY_MS + RETENTION_MARGIN_MS : now - days * DAY_MS;
  return new Date(start).toISOString();
}

export async function fetchAuditEvents(view: AuditView, filters: AuditFilters, after: string | null, retentionDays: number): Promise<AuditEventPage> {
  const variables = {
    first: PAGE_SIZE,
    after,
    filter: {
      createdAfter: periodStart(filters.days, retentionDays),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.targetType ? { targetType: filters.targetType } : {}),
    },
  };
  const connection =
    view === 'workspace'
      ? (await request(WorkspaceEventsDocument, variables)).auditEvents
      : // Without a workspace: your whole trail, whichever workspace is selected.
        (await request(MyEventsDocument, variables, { withoutWorkspace: true })).me?.auditEvents;
  if (!connection) return { events: [], totalCount: 0, hasNextPage: false, endCursor: null };
  return { events: connection.nodes, totalCount: connection.totalCount, hasNextPage: connection.pageInfo.hasNextPage, endCursor: connection.pageInfo.endCursor ?? null };
}

// What every principal of a workspace may do, read straight from the database: each
// member (its role's permissions), each pending invitation (a principal to be: the
// permissions of its role, which whoever accepts it gets), each active workspace key (its
// scopes) and each active user key authorized there (its scopes ∩ its user's role), the
// same rules identity's principal lookup applies; and how much each may spend (its
// rate-limit budget, the rule of the gateway's rate-limit step). The escalation suite
// compares it before and after an attempt.
import { DEFAULT_RATE_LIMIT_SETTINGS } from '../../gateway/rate-limits/settings.js';
import { expandScopes, intersectScopes } from '../../lib/scopes.js';
import { selectRows } from '../testkit.js';

export interface WorkspacePrincipals {
  /** `member:<id>`, `invitation:<id>` or `key:<id>` → fine permissions, sorted. */
  readonly permissions: Record<string, string[]>;
  /** Member id → role id. */
  readonly roleOfMember: Record<string, string>;
  /** Ids of the members and pending invitations that hold (or would give) the built-in owner role. */
  readonly owners: string[];
  /** Key id → its user (user keys only). */
  readonly userOfKey: Record<string, string>;
  /** Key id → the key it replaced by rotation. */
  readonly rotatedFrom: Record<string, string>;
  /** The workspace's budget (points per window): its own, else the deployment default. */
  readonly workspaceBudget: number;
  /** `member:<id>` (its sessions) or `key:<id>` → its budget in the workspace. */
  readonly budgets: Record<string, number>;
}

interface MemberRow {
  id: string;
  user_id: string;
  role_id: string;
  key: string;
  built_in: boolean;
  permissions: string[];
}

interface KeyRow {
  id: string;
  kind: string;
  user_id: string | null;
  scopes: string[];
  rotated_from: string | null;
  rate_limit: number | null;
}

export async function workspacePrincipals(databaseUrl: string, workspaceId: string): Promise<WorkspacePrincipals> {
  const members = await selectRows<MemberRow>(
    databaseUrl,
    `select m.id, m.user_id, m.role_id, r.key, r.built_in, r.permissions
       from identity.members m join identity.roles r on r.workspace_id = m.workspace_id and r.id = m.role_id
      where m.workspace_id = $1`,
    [workspaceId],
  );
  const invitations = await selectRows<Omit<MemberRow, 'user_id'>>(
    databaseUrl,
    `select i.id, i.role_id, r.key, r.built_in, r.permissions
       from identity.invitations i join identity.roles r on r.workspace_id = i.workspace_id and r.id = i.role_id
      where i.workspace_id = $1 and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()`,
    [workspaceId],
  );
  const keys = await selectRows<KeyRow>(
    databaseUrl,
    `select id, kind, user_id, scopes, rate_limit, (select old.id from identity.api_keys old where old.rotated_to_key_id = k.id) as rotated_from
       from identity.api_keys k
      where (workspace_id = $1 or $1::text = any(workspace_ids))
        and (revoked_at is null or revoked_at > now()) and (expires_at is null or expires_at > now())`,
    [workspaceId],
  );
  const [workspace] = await selectRows<{ rate_limit: number | null }>(databaseUrl, 'select rate_limit from identity.workspaces where id = $1', [workspaceId]);
  // The stacks of the suites run with the default budgets, the same for every kind.
  const workspaceBudget = workspace?.rate_limit ?? DEFAULT_RATE_LIMIT_SETTINGS.points.user_key;
  const budgets: Record<string, number> = {};
  const permissions: Record<string, string[]> = {};
  const roleOfMember: Record<string, string> = {};
  const byUser = new Map<string, string[]>();
  const userOfKey: Record<string, string> = {};
  const rotatedFrom: Record<string, string> = {};
  for (const member of members) {
    permissions[`member:${member.id}`] = [...expandScopes(member.permissions)].sort();
    roleOfMember[member.id] = member.role_id;
    budgets[`member:${member.id}`] = workspaceBudget;
    byUser.set(member.user_id, member.permissions);
  }
  for (const invitation of invitations) permissions[`invitation:${invitation.id}`] = [...expandScopes(invitation.permissions)].sort();
  for (const key of keys) {
    const granted = key.kind === 'WORKSPACE' ? [...expandScopes(key.scopes)] : intersectScopes(key.scopes, byUser.get(key.user_id ?? '') ?? []);
    permissions[`key:${key.id}`] = granted.sort();
    budgets[`key:${key.id}`] = Math.min(workspaceBudget, key.rate_limit ?? workspaceBudget);
    if (key.user_id) userOfKey[key.id] = key.user_id;
    if (key.rotated_from) rotatedFrom[key.id] = key.rotated_from;
  }
  const owners = [...members, ...invitations].filter((holder) => holder.key === 'owner' && holder.built_in).map((holder) => holder.id);
  return { permissions, roleOfMember, owners, userOfKey, rotatedFrom, workspaceBudget, budgets };
}

/** Principals whose budget grew (new ones: beyond what the workspace allowed before), as `<principal>: <before> → <after>`. */
export function raisedBudgets(before: WorkspacePrincipals, after: WorkspacePrincipals): string[] {
  return Object.entries(after.budgets)
    .filter(([principal, budget]) => budget > (before.budgets[principal] ?? before.workspaceBudget))
    .map(([principal, budget]) => `${principal}: ${before.budgets[principal] ?? before.workspaceBudget} → ${budget}`);
}

/** Per principal, the permissions it holds after and did not hold before (new principals: all of theirs). */
export function gainedPermissions(before: WorkspacePrincipals, after: WorkspacePrincipals): Record<string, string[]> {
  const gained: Record<string, string[]> = {};
  for (const [principal, permissions] of Object.entries(after.permissions)) {
    const had = new Set(before.permissions[principal] ?? []);
    const fresh = permissions.filter((permission) => !had.has(permission));
    if (fresh.length > 0) gained[principal] = fresh;
  }
  return gained;
}

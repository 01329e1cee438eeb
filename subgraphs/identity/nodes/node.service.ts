// node(id:) and nodes(ids:): the record behind a global id, found exactly where the type's
// own query would find it and refused with the same errors (INSUFFICIENT_SCOPE before
// anything is looked up, WORKSPACE_REQUIRED, NOT_FOUND for what is missing or elsewhere),
// so that node() tells no more than item(id), role(id) or apiKey(id) do. Records of
// content and audit are handed to the gateway as references; their owner decides
// (lib/node-reference.ts). Every lookup goes through a per-request DataLoader.
import DataLoader from 'dataloader';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { badUserInput, notFound, requireWorkspace } from '../../../lib/errors.js';
import { isId, nodeTypeOfId } from '../../../lib/ids.js';
import { createByIdLoader } from '../../../lib/loaders.js';
import type { NodeTypeName } from '../../../lib/node-types.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { satisfiesAnyOf } from '../../../lib/scopes.js';
import { declaredRequirement, insufficientScope, type ScopeRequirement } from '../../../lib/scopes-directive.js';
import type { ApiKey } from '../api-keys/api-key.entity.js';
import { MemberGroup } from '../groups/member-group.entity.js';
import { Invitation } from '../invitations/invitation.entity.js';
import { Member } from '../members/member.entity.js';
import type { Role } from '../roles/role.entity.js';
import type { User } from '../users/user.entity.js';
import type { Workspace } from '../workspaces/workspace.entity.js';
import { FOREIGN_NODE_TYPES } from './foreign-nodes.reference.js';

/** The Node types identity owns and looks up itself. */
type OwnNodeTypeName = Exclude<NodeTypeName, keyof typeof FOREIGN_NODE_TYPES>;

/** At most this many ids per nodes() call, as a page holds at most 100 records. */
export const MAX_NODE_IDS = 100;

/** Identity's own loaders that node() shares with the rest of the request. */
export interface NodeLoaders {
  readonly userById: DataLoader<string, User | null>;
  readonly workspaceById: DataLoader<string, Workspace | null>;
  readonly apiKeyById: DataLoader<string, ApiKey | null>;
  readonly roleById: DataLoader<string, Role | null>;
}

/** What a type's own query requires beyond the type's @scopes (Query.workspace needs workspaces:read; Workspace itself needs none). */
const QUERY_REQUIREMENTS: Partial<Record<NodeTypeName, ScopeRequirement>> = { Workspace: [['workspaces:read']] };

export class NodeService {
  private readonly memberById: DataLoader<string, Member | null>;
  private readonly memberGroupById: DataLoader<string, MemberGroup | null>;
  private readonly invitationById: DataLoader<string, Invitation | null>;
  /** Which users are members of the current workspace (for a User node that is not the caller). */
  private readonly isFellowMember: DataLoader<string, boolean>;
  private readonly lookups: Record<OwnNodeTypeName, (id: string) => Promise<object>>;

  constructor(
    em: SubgraphEntityManager,
    private readonly principal: Principal,
    loaders: NodeLoaders,
  ) {
    // The workspace filter keeps these to the request's workspace (lib/workspace-filter.ts).
    this.memberById = createByIdLoader(em, Member);
    this.memberGroupById = createByIdLoader(em, MemberGroup);
    this.invitationById = createByIdLoader(em, Invitation);
    this.isFellowMember = new DataLoader(async (userIds) => {
      const members = await em.find(Member, { userId: { $in: [...userIds] } }, { fields: ['userId'] });
      const found = new Set(members.map((member) => member.userId));
      return userIds.map((userId) => found.has(userId));
    });
    const inWorkspace =
      <T>(loader: DataLoader<string, T | null>, what: string) =>
      async (id: string): Promise<T> => {
        requireWorkspace(principal.workspaceId);
        return found(await loader.load(id), what);
      };
    this.lookups = {
      // Yourself, or a member of the workspace you work in (as `members` lists them).
      User: async (id) => {
        if (id !== principal.userId) {
          requireWorkspace(principal.workspaceId);
          if (!satisfiesAnyOf(principal.scopes, [['members:read']])) throw insufficientScope([['members:read']]);
          if (!(await this.isFellowMember.load(id))) throw notFound('User');
        }
        return found(await loaders.userById.load(id), 'User');
      },
      // A workspace your credential may use, as `workspaces` lists them.
      Workspace: async (id) => found(await loaders.workspaceById.load(id), 'Workspace'),
      // Your own user keys and the current workspace's keys, as `apiKeys` lists them.
      ApiKey: async (id) => found(await loaders.apiKeyById.load(id), 'API key'),
      Role: inWorkspace(loaders.roleById, 'Role'),
      Member: inWorkspace(this.memberById, 'Member'),
      MemberGroup: inWorkspace(this.memberGroupById, 'Member group'),
      Invitation: inWorkspace(this.invitationById, 'Invitation'),
    };
  }

  /**
   * The record with this global id, or a reference for its owning subgraph; null for an
   * id whose tag names no type (made before tags, or not a record's id at all).
   */
  async find(id: string, schema: GraphQLSchema): Promise<object | null> {
    if (!isId(id)) throw badUserInput('id is not a global id (a UUID)', { fieldErrors: [{ field: 'id', reason: 'must be a global id (a UUID)' }] });
    const typeName = nodeTypeOfId(id);
    if (!typeName) return null;
    // The type's own requirement first: without it nothing is looked up, so nothing is told.
    const type = schema.getType(typeName);
    const requirement = isObjectType(type) ? declaredRequirement(schema, type) : undefined;
    for (const needed of [requirement, QUERY_REQUIREMENTS[typeName]]) {
      if (needed && !satisfiesAnyOf(this.principal.scopes, needed)) throw insufficientScope(needed);
    }
    if (typeName in FOREIGN_NODE_TYPES) return { __typename: typeName, nodeId: id };
    return this.lookups[typeName as OwnNodeTypeName](id);
  }

  /** Each id as find() answers it: a refused or missing one fails alone (null in the list, with its error). */
  findMany(ids: readonly string[], schema: GraphQLSchema): Promise<object | null>[] {
    if (ids.length > MAX_NODE_IDS) {
      throw badUserInput(`ids may name at most ${MAX_NODE_IDS} records`, { fieldErrors: [{ field: 'ids', reason: `at most ${MAX_NODE_IDS}` }] });
    }
    return ids.map((id) => this.find(id, schema));
  }
}

function found<T>(record: T | null, what: string): T {
  if (!record) throw notFound(what);
  return record;
}

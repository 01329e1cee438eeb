// API key queries and mutations; ApiKey.workspaces through the workspace DataLoader;
// Workspace.apiKeys, the root `apiKeys(filter: { owner: WORKSPACE })` hung from its workspace.
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { scopes, scopesUnlessOwn } from '../../../lib/scopes-directive.js';
import { CURRENT_WORKSPACE_ONLY, requireCurrentWorkspace } from '../../../lib/current-workspace.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyOwner } from './api-key.enums.js';
import { ApiKeyFilter, ApiKeyOrder, CreateApiKeyInput, CreateWorkspaceKeyInput, WorkspaceApiKeyFilter } from './api-key.input.js';
import { CreateApiKeyPayload, CreateWorkspaceKeyPayload, RevokeApiKeyPayload, RotateApiKeyPayload, type CreatedApiKey } from './api-key.payloads.js';

export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Directive(scopes(['keys:read']))
  @Query(() => ApiKeyConnection, { nullable: true, description: "Your API keys, or with `owner: WORKSPACE` the current workspace's keys. Never their secrets." })
  apiKeys(
    @Arg('filter', () => ApiKeyFilter, { nullable: true, description: 'Whose keys, in which state, of which kind.' }) filter: ApiKeyFilter | undefined,
    @Arg('orderBy', () => ApiKeyOrder, { nullable: true, description: 'Order; default oldest first.' }) orderBy: ApiKeyOrder | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: IdentityContext,
  ): Promise<Connection<ApiKey>> {
    return context.apiKeys.list(filter, orderBy, page);
  }

  @Directive(scopes(['keys:read']))
  @Query(() => ApiKey, { nullable: true, description: "One of your API keys, or of the current workspace's keys: any key `apiKeys` lists (with or without `owner: WORKSPACE`). Never its secret." })
  apiKey(@Arg('id', () => ID, { description: 'Id of the key.' }) id: string, @Ctx() context: IdentityContext): Promise<ApiKey> {
    return context.apiKeys.get(id);
  }

  @FieldResolver(() => ApiKey, {
    nullable: true,
    description: 'The key this one was rotated from (rotateApiKey made this key to replace it); null for a key created as new, and for one rotated from a key you may not see.',
  })
  rotatedFrom(@Root() key: ApiKey, @Ctx() context: IdentityContext): Promise<ApiKey | null> {
    return context.loaders.apiKeyRotatedTo.load(key.id);
  }

  @FieldResolver(() => ApiKey, { nullable: true, description: 'The key that replaced this one when it was rotated; null until it is.' })
  async rotatedTo(@Root() key: ApiKey, @Ctx() context: IdentityContext): Promise<ApiKey | null> {
    return key.rotatedToKeyId ? context.loaders.apiKeyById.load(key.rotatedToKeyId) : null;
  }

  @FieldResolver(() => [Workspace], { description: 'Workspaces the key is authorized for.' })
  async workspaces(@Root() key: ApiKey, @Ctx() context: IdentityContext): Promise<Workspace[]> {
    const workspaces = await context.loaders.workspaceById.loadMany(key.workspaceIds);
    return workspaces.filter((workspace): workspace is Workspace => workspace !== null && !(workspace instanceof Error));
  }

  @Directive(scopes(['keys:write']))
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates a user key. The secret is in this answer only.' })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'Description, expiry, scopes and workspaces of the new key.' }) input: CreateApiKeyInput,
    @Ctx() context: IdentityContext,
  ): Promise<CreatedApiKey> {
    return context.apiKeys.createUserKey(input);
  }

  @Directive(scopes(['keys:write']))
  @Mutation(() => CreateWorkspaceKeyPayload, { description: 'Creates a key of the current workspace, with no user. The secret is in this answer only.' })
  createWorkspaceKey(
    @Arg('input', () => CreateWorkspaceKeyInput, { description: 'Description, expiry and scopes of the new key.' }) input: CreateWorkspaceKeyInput,
    @Ctx() context: IdentityContext,
  ): Promise<CreatedApiKey> {
    return context.apiKeys.createWorkspaceKey(input);
  }

  @Directive(scopesUnlessOwn(['keys:delete']))
  @Mutation(() => RevokeApiKeyPayload, {
    description:
      'Revokes a key: it stops working at once, on every gateway. Needs keys:delete, except for your own user key from a session (or the key revoking itself): anyone may kill their own keys.',
  })
  async revokeApiKey(@Arg('id', () => ID, { description: 'Id of the key to revoke.' }) id: string, @Ctx() context: IdentityContext): Promise<InstanceType<typeof RevokeApiKeyPayload>> {
    return { apiKey: await context.apiKeys.revoke(id) };
  }

  @Directive(scopesUnlessOwn(['keys:write']))
  @Mutation(() => RotateApiKeyPayload, {
    description: 'Issues a new secret for a key; the old one keeps working for `gracePeriod` seconds. Needs keys:write, except for your own user key from a session (or the key rotating itself).',
  })
  rotateApiKey(
    @Arg('id', () => ID, { description: 'Id of the key to rotate.' }) id: string,
    @Arg('gracePeriod', () => Int, { description: 'Seconds the old secret keeps working: 0 to 2592000 (30 days).' }) gracePeriod: number,
    @Ctx() context: IdentityContext,
  ): Promise<CreatedApiKey> {
    return context.apiKeys.rotate(id, gracePeriod);
  }
}

@Resolver(() => Workspace)
export class WorkspaceApiKeysResolver {
  @Directive(scopes(['keys:read']))
  @FieldResolver(() => ApiKeyConnection, {
    nullable: true,
    description: `This workspace's keys, as \`apiKeys(filter: { owner: WORKSPACE })\` lists them (user keys authorized for it stay with their users). Never their secrets. ${CURRENT_WORKSPACE_ONLY}`,
  })
  apiKeys(
    @Root() workspace: Workspace,
    @Arg('filter', () => WorkspaceApiKeyFilter, { nullable: true, description: 'In which state, of which kind.' }) filter: WorkspaceApiKeyFilter | undefined,
    @Arg('orderBy', () => ApiKeyOrder, { nullable: true, description: 'Order; default oldest first.' }) orderBy: ApiKeyOrder | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: IdentityContext,
  ): Promise<Connection<ApiKey>> {
    requireCurrentWorkspace(context.principal, workspace.id, 'API keys');
    return context.apiKeys.list({ ...filter, owner: ApiKeyOwner.WORKSPACE }, orderBy, page);
  }
}

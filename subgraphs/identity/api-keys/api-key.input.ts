// Inputs of the API key mutations and list.
import { Field, ID, InputType, Int } from 'type-graphql';
import type { KeyExpiry } from '../../../lib/config.js';
import { Scope } from '../../../lib/scope-enum.js';
import { OrderDirection } from '../../../lib/order-direction.js';
import { ApiKeyKind, ApiKeyOrderBy, ApiKeyOwner, ApiKeyStatus, KeyExpiryEnum } from './api-key.enums.js';

@InputType({ description: 'A new user key.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for, 1 to 200 characters.' })
  description!: string;

  @Field(() => KeyExpiryEnum, { description: 'How long the key lives.' })
  expiresIn!: KeyExpiry;

  @Field(() => [Scope], { description: 'Scopes: `READ`, `WRITE`, `DELETE` (every resource but keys) or one per resource and action (`ITEMS_READ`). `KEYS_*` must be named.' })
  scopes!: string[];

  @Field(() => [ID], { description: 'Workspaces the key may act in; you must be a member of each.' })
  workspaceIds!: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: "True limits the key to trusted documents (registered operations) of the workspace it acts in, even where the workspace accepts any; default false. Fixed for the key's life.",
  })
  trustedDocumentsOnly?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The key's own budget in points per rate-limit window, from 1 to the deployment's ceiling (RATE_LIMIT_MAX_POINTS). It only lowers the budget: the key never gets more than the workspace it acts in. Default: the workspace's budget. Fixed for the key's life.",
  })
  rateLimit?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The client name the gateway records the key's requests under (schema usage) when a request carries no `apollographql-client-name` header: 1 to 64 letters, digits, spaces and `. - _ / @ :` (`web`, `ios-app`, `@acme/dashboard`), trimmed. Empty or absent: none. Fixed for the key's life.",
  })
  client?: string | null;
}

@InputType({ description: 'A new key of the current workspace, with no user.' })
export class CreateWorkspaceKeyInput {
  @Field(() => String, { description: 'What the key is for, 1 to 200 characters.' })
  description!: string;

  @Field(() => KeyExpiryEnum, { description: 'How long the key lives.' })
  expiresIn!: KeyExpiry;

  @Field(() => [Scope], { description: 'Scopes, within your own permissions in the workspace.' })
  scopes!: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: "True limits the key to trusted documents (registered operations) of the workspace it acts in, even where the workspace accepts any; default false. Fixed for the key's life.",
  })
  trustedDocumentsOnly?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The key's own budget in points per rate-limit window, from 1 to the deployment's ceiling (RATE_LIMIT_MAX_POINTS). It only lowers the budget: the key never gets more than the workspace it acts in. Default: the workspace's budget. Fixed for the key's life.",
  })
  rateLimit?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The client name the gateway records the key's requests under (schema usage) when a request carries no `apollographql-client-name` header: 1 to 64 letters, digits, spaces and `. - _ / @ :` (`web`, `ios-app`, `@acme/dashboard`), trimmed. Empty or absent: none. Fixed for the key's life.",
  })
  client?: string | null;
}

@InputType({ description: "Which of a workspace's keys to list (Workspace.apiKeys)." })
export class WorkspaceApiKeyFilter {
  @Field(() => ApiKeyStatus, { nullable: true, description: 'Only keys in this state now.' })
  status?: ApiKeyStatus | null;

  @Field(() => ApiKeyKind, { nullable: true, description: 'Only keys of this kind.' })
  kind?: ApiKeyKind | null;
}

@InputType({ description: 'Which keys to list.' })
export class ApiKeyFilter extends WorkspaceApiKeyFilter {
  @Field(() => ApiKeyOwner, { nullable: true, description: "ME (default): your user keys; WORKSPACE: the current workspace's keys." })
  owner?: ApiKeyOwner;
}

@InputType({ description: 'How keys are ordered (the shape of every `orderBy`, as ItemOrder).' })
export class ApiKeyOrder {
  @Field(() => ApiKeyOrderBy, { description: 'What to order by.' })
  by!: ApiKeyOrderBy;

  @Field(() => OrderDirection, { nullable: true, description: 'Default ASC. Keys without the time (never used, never expiring) come last either way.' })
  direction?: OrderDirection | null;
}

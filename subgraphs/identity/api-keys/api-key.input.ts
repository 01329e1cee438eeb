// Inputs of the API key mutations and list.
import { Field, ID, InputType } from 'type-graphql';
import type { KeyExpiry } from '../../../lib/config.js';
import { ApiKeyOwner, KeyExpiryEnum } from './api-key.enums.js';

@InputType({ description: 'A new user key.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for, 1 to 200 characters.' })
  description!: string;

  @Field(() => KeyExpiryEnum, { description: 'How long the key lives.' })
  expiresIn!: KeyExpiry;

  @Field(() => [String], { description: 'Scopes: `read`, `write`, `delete` or `<resource>:<action>`. `keys:*` must be named.' })
  scopes!: string[];

  @Field(() => [ID], { description: 'Workspaces the key may act in; you must be a member of each.' })
  workspaceIds!: string[];
}

@InputType({ description: 'A new key of the current workspace, with no user.' })
export class CreateWorkspaceKeyInput {
  @Field(() => String, { description: 'What the key is for, 1 to 200 characters.' })
  description!: string;

  @Field(() => KeyExpiryEnum, { description: 'How long the key lives.' })
  expiresIn!: KeyExpiry;

  @Field(() => [String], { description: 'Scopes, within your own permissions in the workspace.' })
  scopes!: string[];
}

@InputType({ description: 'Which keys to list.' })
export class ApiKeyFilter {
  @Field(() => ApiKeyOwner, { nullable: true, description: 'ME (default): your user keys; WORKSPACE: the current workspace\'s keys.' })
  owner?: ApiKeyOwner;
}

// The answer of acceptInvitation: the workspace the caller now belongs to, as an object.
// No `member`: the request that accepts cannot act in the joined workspace (the caller was
// not a member when it was authenticated), and a workspace's records are answered only
// with scopes computed for it (lib/current-workspace.ts), so the membership would always
// be null with FORBIDDEN here; the next request, with `x-workspace-id`, reads it
// (`viewer { role }`, `members`).
import { Directive, Field, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { Workspace } from '../workspaces/workspace.entity.js';

@Directive(scopes([]))
@ObjectType({ description: 'An accepted invitation: the workspace you joined.' })
export class AcceptInvitationPayload {
  @Field(() => Workspace, { description: 'The workspace you joined; send its id as `x-workspace-id` to work in it, and to read your membership there (`viewer { role }`).' })
  workspace!: Workspace;
}

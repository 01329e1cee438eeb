// The answer of acceptInvitation: where the caller now belongs.
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';
import { Workspace } from '../workspaces/workspace.entity.js';

@Directive(scopes([]))
@ObjectType({ description: 'An accepted invitation: the workspace you joined and your membership there.' })
export class AcceptInvitationPayload {
  @Field(() => Workspace, { description: 'The workspace you joined; send its id as `x-workspace-id` to work in it.' })
  workspace!: Workspace;

  @Field(() => ID, { description: 'Id of your new membership.' })
  memberId!: string;

  @Field(() => ID, { description: 'Id of the invitation, now ACCEPTED.' })
  invitationId!: string;
}

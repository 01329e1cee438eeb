// Trusted document queries and mutations; thin: arguments in, service call, result out.
// Scopes: trusted documents are workspace configuration (what the workspace's API accepts),
// so they take the `workspaces` resource of DESIGN.md's vocabulary: reading them
// `workspaces:read`, registering, removing and the mode `workspaces:write` (owners and
// admins; a CI key needs it granted). `workspaces:delete` stays for deleting a workspace.
import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { DeletePayloadType, ObjectPayloadType } from '../../../lib/mutation-payload.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { TrustedDocument } from './trusted-document.entity.js';
import { RegisterTrustedDocumentsInput } from './trusted-document.input.js';
import { RegisterTrustedDocumentsPayload } from './register-trusted-documents.payload.js';

export const DeleteTrustedDocumentPayload = DeletePayloadType(
  'deleteTrustedDocument',
  'A deleted trusted document.',
  'Id (SHA-256 hex) of the document deleted; sending it stops working within a minute.',
);
export const SetTrustedDocumentsOnlyPayload = ObjectPayloadType('setTrustedDocumentsOnly', 'workspace', () => Workspace, {
  description: 'A changed trusted-documents mode.',
  fieldDescription: 'The workspace, with its new `trustedDocumentsOnly`.',
});

export const TrustedDocumentConnection = ConnectionType(TrustedDocument, 'TrustedDocument');

@Resolver(() => TrustedDocument)
export class TrustedDocumentResolver {
  @Directive(scopes(['workspaces:read']))
  @Query(() => TrustedDocumentConnection, { nullable: true, description: 'The trusted documents (registered operations) of the current workspace, in id order.' })
  trustedDocuments(@Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<TrustedDocument>> {
    return context.documents.list(page);
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => RegisterTrustedDocumentsPayload, {
    description:
      'Registers operations of a client build (an Apollo persisted query manifest, a Relay one made with SHA256) in the current workspace, so clients can send `documentId` instead of the text. Every id must be the SHA-256 of its body; one bad entry and nothing is written. `npm run documents:register` sends a manifest in batches.',
  })
  registerTrustedDocuments(
    @Arg('input', () => RegisterTrustedDocumentsInput, { description: 'Client name and version, and the documents.' }) input: RegisterTrustedDocumentsInput,
    @Ctx() context: IdentityContext,
  ): Promise<RegisterTrustedDocumentsPayload> {
    return context.documents.register(input);
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => DeleteTrustedDocumentPayload, { description: 'Deletes a trusted document of the current workspace; sending its id stops working within a minute.' })
  async deleteTrustedDocument(
    @Arg('id', () => ID, { description: 'Id of the document (hex, or sha256:<hex>).' }) id: string,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof DeleteTrustedDocumentPayload>> {
    return { deletedId: (await context.documents.remove(id)).id };
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => SetTrustedDocumentsOnlyPayload, {
    description:
      'Turns trusted-documents mode of the current workspace on or off. When on, API keys may run only registered documents (others get OPERATION_NOT_ALLOWED); people signed in with a session are not limited, so an admin can always turn it off.',
  })
  async setTrustedDocumentsOnly(
    @Arg('enabled', () => Boolean, { description: 'True to accept only registered documents from keys.' }) enabled: boolean,
    @Ctx() context: IdentityContext,
  ): Promise<InstanceType<typeof SetTrustedDocumentsOnlyPayload>> {
    return { workspace: await context.documents.setTrustedDocumentsOnly(enabled) };
  }
}

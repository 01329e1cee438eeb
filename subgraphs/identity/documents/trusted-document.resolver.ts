// Trusted document queries and mutations; thin: arguments in, service call, result out.
// Scopes: trusted documents are workspace configuration (what the workspace's API accepts),
// so they take the `workspaces` resource of DESIGN.md's vocabulary: reading them
// `workspaces:read`, registering, removing and the mode `workspaces:write` (owners and
// admins; a CI key needs it granted). `workspaces:delete` stays for deleting a workspace.
import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type Connection } from '../../../lib/connection.js';
import { scopes } from '../../../lib/scopes-directive.js';
import type { IdentityContext } from '../context.js';
import { Workspace } from '../workspaces/workspace.entity.js';
import { TrustedDocument } from './trusted-document.entity.js';
import { RegisterTrustedDocumentsInput } from './trusted-document.input.js';
import { TrustedDocumentsRegistration } from './trusted-documents-registration.js';

export const TrustedDocumentConnection = ConnectionType(TrustedDocument, 'TrustedDocument');

@Resolver(() => TrustedDocument)
export class TrustedDocumentResolver {
  @Directive(scopes(['workspaces:read']))
  @Query(() => TrustedDocumentConnection, { nullable: true, description: 'The trusted documents (registered operations) of the current workspace, in id order.' })
  trustedDocuments(@Args(() => PageArgs) page: PageArgs, @Ctx() context: IdentityContext): Promise<Connection<TrustedDocument>> {
    return context.documents.list(page);
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => TrustedDocumentsRegistration, {
    description:
      'Registers operations of a client build (an Apollo persisted query manifest, a Relay one made with SHA256) in the current workspace, so clients can send `documentId` instead of the text. Every id must be the SHA-256 of its body; one bad entry and nothing is written. `npm run documents:register` sends a manifest in batches.',
  })
  registerTrustedDocuments(
    @Arg('input', () => RegisterTrustedDocumentsInput, { description: 'Client name and version, and the documents.' }) input: RegisterTrustedDocumentsInput,
    @Ctx() context: IdentityContext,
  ): Promise<TrustedDocumentsRegistration> {
    return context.documents.register(input);
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => TrustedDocument, { description: 'Removes a trusted document of the current workspace; sending its id stops working within a minute.' })
  removeTrustedDocument(@Arg('id', () => ID, { description: 'Id of the document (hex, or sha256:<hex>).' }) id: string, @Ctx() context: IdentityContext): Promise<TrustedDocument> {
    return context.documents.remove(id);
  }

  @Directive(scopes(['workspaces:write']))
  @Mutation(() => Workspace, {
    description:
      'Turns trusted-documents mode of the current workspace on or off. When on, API keys may run only registered documents (others get OPERATION_NOT_ALLOWED); people signed in with a session are not limited, so an admin can always turn it off.',
  })
  setTrustedDocumentsOnly(
    @Arg('enabled', () => Boolean, { description: 'True to accept only registered documents from keys.' }) enabled: boolean,
    @Ctx() context: IdentityContext,
  ): Promise<Workspace> {
    return context.documents.setTrustedDocumentsOnly(enabled);
  }
}

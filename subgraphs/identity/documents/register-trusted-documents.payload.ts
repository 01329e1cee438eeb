// The answer of registerTrustedDocuments: how many documents were new, how many known.
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { scopes } from '../../../lib/scopes-directive.js';

@Directive(scopes([]))
@ObjectType({ description: 'What a registration did. Registering the same document again changes nothing.' })
export class RegisterTrustedDocumentsPayload {
  @Field(() => Int, { description: 'Documents stored by this call.' })
  registered!: number;

  @Field(() => Int, { description: 'Documents the workspace already had (sent twice in one call counts once).' })
  alreadyRegistered!: number;
}

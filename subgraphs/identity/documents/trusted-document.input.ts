// Inputs of registerTrustedDocuments.
import { Field, InputType } from 'type-graphql';

@InputType({ description: "One operation of a client build's manifest." })
export class TrustedDocumentInput {
  @Field(() => String, { description: 'SHA-256 (hex) of `body`, bare or as `sha256:<hex>`: the `id` of an Apollo persisted query manifest entry, the key of a Relay (SHA256) one.' })
  id!: string;

  @Field(() => String, { description: 'The operation text (with the fragments it uses), exactly as the client sends it.' })
  body!: string;
}

@InputType({ description: 'Documents of one client build to register in the current workspace.' })
export class RegisterTrustedDocumentsInput {
  @Field(() => String, { description: 'Which client they belong to, 1 to 100 characters (`web`, `ios`).' })
  clientName!: string;

  @Field(() => String, { nullable: true, description: 'The client build, up to 100 characters, when you track it.' })
  clientVersion?: string | null;

  @Field(() => [TrustedDocumentInput], { description: 'The documents: 1 to 200 per call and at most 384 KiB of bodies; send a large manifest in several calls.' })
  documents!: TrustedDocumentInput[];
}

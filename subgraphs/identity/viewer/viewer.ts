// The caller as a UI sees it: who (user, key, credential kind), where (workspace, role),
// and what it may do (effective scopes, capabilities). Resolved from the signed principal.
import { Directive, Field, ObjectType } from 'type-graphql';
import { CredentialKind } from '../../../lib/credential-kind-enum.js';
import type { CredentialKind as WireCredentialKind, Principal } from '../../../lib/principal.js';
import { FINE_SCOPES } from '../../../lib/scopes.js';
import { scopes } from '../../../lib/scopes-directive.js';
import { capabilitiesOf, ViewerCapabilities, type CapabilityName } from './viewer-capabilities.js';
import { Scope } from '../../../lib/scope-enum.js';

@Directive(scopes([]))
@ObjectType({
  description:
    'Who is calling, where, and what it may do: a UI decides every control from this one object. The objects it links to (`apiKey`, `role`, `workspace`) need the scopes they need anywhere; `credentialKind`, `scopes` and `can` need none.',
})
export class Viewer {
  /** The principal the gateway signed; never anonymous here (`viewer` is not @public). */
  readonly principal: Principal;

  constructor(principal: Principal) {
    this.principal = principal;
  }

  @Field(() => CredentialKind, { description: 'What the request was made with: a session, a user key or a workspace key.' })
  get credentialKind(): WireCredentialKind {
    return this.principal.kind as WireCredentialKind;
  }

  @Field(() => [Scope], {
    description:
      "Your effective fine scopes (one per resource and action, `ITEMS_READ`), sorted: in a workspace, the credential's scopes intersected with your role's permissions there (a workspace key: its own scopes); without one, the credential's own. Exactly what every scope requirement of the API is checked against.",
  })
  get scopes(): string[] {
    const held = new Set(this.principal.scopes);
    return FINE_SCOPES.filter((scope) => held.has(scope)).sort();
  }

  @Field(() => ViewerCapabilities, { description: 'What you may do, one Boolean per action a UI offers.' })
  get can(): Record<CapabilityName, boolean> {
    return capabilitiesOf(this.principal);
  }
}

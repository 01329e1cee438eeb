// What every identity service that grants rights (members, invitations, roles) starts
// from: the request's entity manager and principal, the escalation guard over them, and
// the current workspace, which these operations always need.
import { requireWorkspace } from '../../../lib/errors.js';
import type { SubgraphEntityManager } from '../../../lib/orm.js';
import type { Principal } from '../../../lib/principal.js';
import { EscalationGuard } from './escalation-guard.js';

export abstract class GrantingService {
  protected readonly guard: EscalationGuard;

  constructor(
    protected readonly em: SubgraphEntityManager,
    protected readonly principal: Principal,
  ) {
    this.guard = new EscalationGuard(em, principal);
  }

  /** The workspace the request acts in; a request without one is refused. */
  protected get workspaceId(): string {
    return requireWorkspace(this.principal.workspaceId);
  }
}

// What the signed-in person may do in the current workspace (`viewer`): every control of the
// console is shown or hidden from this one answer, never found out by trying.
import { useQuery } from '@tanstack/react-query';
import { graphql } from './gql';
import { request } from './api';
import type { ConsoleViewerQuery, Scope } from './gql/graphql';
import { expandScopes } from './scopes';
import { useSession } from './session';

const ViewerDocument = graphql(`
  query ConsoleViewer {
    viewer {
      credentialKind
      scopes
      can {
        administerWorkspace
        deleteWorkspace
        createWorkspaces
        manageMembers
        manageRoles
        manageGroups
        createApiKeys
        manageWorkspaceKeys
        editContentTypes
        editContent
        readAuditLog
      }
    }
  }
`);

export interface ViewerInfo {
  readonly scopes: readonly Scope[];
  readonly can: ConsoleViewerQuery['viewer']['can'];
  /** Whether the effective scopes include this one, or the coarse read/write/delete that covers it (console/src/scopes.ts). */
  readonly holds: (scope: Scope) => boolean;
}

export function useViewer() {
  const { state } = useSession();
  const workspaceId = state.status === 'signedIn' ? state.workspaceId : null;
  return useQuery({
    queryKey: ['viewer', workspaceId],
    enabled: state.status === 'signedIn',
    queryFn: async (): Promise<ViewerInfo> => {
      const { viewer } = await request(ViewerDocument);
      const held = expandScopes(viewer.scopes);
      return { scopes: viewer.scopes, can: viewer.can, holds: (scope) => held.has(scope) };
    },
  });
}

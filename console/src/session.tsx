// Who is signed in, and in which workspace: the console's one piece of global state. The
// session token stays in api.ts's memory; the workspace list comes from the API on sign-in.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { graphql } from './gql';
import { ApiError, onSessionExpired, request, setSessionToken, setWorkspace } from './api';
import { CONFIG } from './config';

const SignInDocument = graphql(`
  mutation ConsoleSignIn($input: CreateSessionInput!) {
    createSession(input: $input) {
      token
      expiresAt
    }
  }
`);

const WhoAmIDocument = graphql(`
  query ConsoleWhoAmI {
    me {
      id
      name
      email
      emailVerified
    }
    workspaces(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

const SignOutDocument = graphql(`
  mutation ConsoleSignOut {
    revokeSession {
      user {
        id
      }
    }
  }
`);

export interface SignedInUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly emailVerified: boolean;
}

export interface WorkspaceSummary {
  readonly id: string;
  readonly name: string;
}

export type SessionState =
  | { readonly status: 'starting' }
  | { readonly status: 'signedOut'; readonly message?: string }
  | { readonly status: 'signedIn'; readonly via: 'password' | 'cookie'; readonly user: SignedInUser; readonly workspaces: readonly WorkspaceSummary[]; readonly workspaceId: string | null };

interface SessionApi {
  readonly state: SessionState;
  readonly signIn: (email: string, password: string) => Promise<void>;
  /** Signs in with a session token the API just handed out (register). */
  readonly signInWithToken: (token: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
  readonly selectWorkspace: (workspaceId: string) => void;
  /** Reads the workspace list again (after creating or leaving one). */
  readonly refreshWorkspaces: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in state, for pages that only render when signed in. */
export function useSignedIn(): Extract<SessionState, { status: 'signedIn' }> & Omit<SessionApi, 'state'> {
  const session = useSession();
  if (session.state.status !== 'signedIn') throw new Error('useSignedIn while signed out');
  return { ...session, ...session.state };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>(CONFIG.sessionCookie ? { status: 'starting' } : { status: 'signedOut' });

  const load = useCallback(async (via: 'password' | 'cookie', preferred: string | null) => {
    const answer = await request(WhoAmIDocument, undefined, { withoutWorkspace: true });
    if (!answer.me) throw new ApiError(401, [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }]);
    const workspaces = answer.workspaces?.nodes ?? [];
    const workspaceId = workspaces.find((workspace) => workspace.id === preferred)?.id ?? workspaces[0]?.id ?? null;
    setWorkspace(workspaceId);
    setState({ status: 'signedIn', via, user: answer.me, workspaces, workspaceId });
  }, []);

  const endSession = useCallback(
    (message?: string) => {
      setSessionToken(null);
      setWorkspace(null);
      queryClient.clear();
      setState({ status: 'signedOut', message });
    },
    [queryClient],
  );

  useEffect(() => {
    if (!CONFIG.sessionCookie) return;
    // A session cookie came with the page (OpenID sign-in): find out whose it is.
    load('cookie', null).catch(() => setState({ status: 'signedOut' }));
  }, [load]);

  // Read by the expiry listener, which outlives any one render.
  const signedIn = useRef(false);
  useEffect(() => {
    signedIn.current = state.status === 'signedIn';
  }, [state.status]);
  useEffect(
    () =>
      onSessionExpired(() => {
        if (signedIn.current) endSession('Your session has ended (it expired or was revoked): sign in again.');
      }),
    [endSession],
  );

  const signInWithToken = useCallback(
    async (token: string) => {
      setSessionToken(token);
      try {
        await load('password', null);
      } catch (error) {
        setSessionToken(null);
        throw error;
      }
    },
    [load],
  );

  const api = useMemo<SessionApi>(
    () => ({
      state,
      signIn: async (email, password) => {
        const answer = await request(SignInDocument, { input: { email, password } }, { withoutWorkspace: true });
        await signInWithToken(answer.createSession.token);
      },
      signInWithToken,
      signOut: async () => {
        const via = state.status === 'signedIn' ? state.via : 'password';
        try {
          if (via === 'cookie') await fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
          else await request(SignOutDocument, undefined, { withoutWorkspace: true });
        } catch {
          // Signed out here either way; a session that could not be revoked expires by itself.
        }
        endSession('You are signed out.');
      },
      selectWorkspace: (workspaceId) => {
        setWorkspace(workspaceId);
        queryClient.clear();
        setState((current) => (current.status === 'signedIn' ? { ...current, workspaceId } : current));
      },
      refreshWorkspaces: async () => {
        if (state.status !== 'signedIn') return;
        await load(state.via, state.workspaceId);
      },
    }),
    [state, load, signInWithToken, endSession, queryClient],
  );

  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

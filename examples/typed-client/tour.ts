// A frontend's first steps with the typed client: sign in, read the viewer (who am I,
// where, what may I do), page backwards through a connection, and handle a denied field
// without losing the rest of the answer. Run it against `npm start`:
//
//   node --import tsx examples/typed-client/tour.ts
//
// (GATEWAY, EMAIL and PASSWORD change where and as whom; the demo user by default.)
import { pathToFileURL } from 'node:url';
import { AtriumClient, errorsAt } from './client.js';
import { graphql } from './gql/index.js';
import type { TourContentTypesBackwardsQuery } from './gql/graphql.js';

const SignIn = graphql(`
  mutation TourSignIn($input: CreateSessionInput!) {
    createSession(input: $input) {
      token
    }
  }
`);

const MyWorkspaces = graphql(`
  query TourMyWorkspaces {
    workspaces(first: 1) {
      nodes {
        id
      }
    }
  }
`);

const Viewer = graphql(`
  query TourViewer {
    viewer {
      credentialKind
      scopes
      user {
        name
      }
      workspace {
        id
        name
      }
      can {
        editContentTypes
        createApiKeys
        readAuditLog
      }
    }
  }
`);

const ContentTypesBackwards = graphql(`
  query TourContentTypesBackwards($last: Int!, $before: String) {
    contentTypes(last: $last, before: $before) {
      totalCount
      nodes {
        id
        name
      }
      pageInfo {
        hasPreviousPage
        startCursor
      }
    }
  }
`);

const CreateReadKey = graphql(`
  mutation TourCreateReadKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
    }
  }
`);

/** `apiKeys` needs `keys:read`, which `read` never grants: a read key gets null there, and the workspace still. */
const WorkspaceAndKeys = graphql(`
  query TourWorkspaceAndKeys {
    workspace {
      name
    }
    apiKeys {
      totalCount
    }
  }
`);

export interface TourResult {
  readonly viewer: { readonly credentialKind: string; readonly userName: string | null; readonly workspaceName: string | null; readonly canEditContentTypes: boolean };
  /** Every content type's name, read last page first, each page in the API's order. */
  readonly pagesBackwards: readonly (readonly string[])[];
  /** What a read-only key saw: the workspace's name, and why apiKeys was null. */
  readonly denied: { readonly workspaceName: string | null; readonly apiKeys: null | { totalCount: number }; readonly apiKeysError: string | undefined };
}

export async function tour(url: string, email: string, password: string, pageSize = 2): Promise<TourResult> {
  const anonymous = new AtriumClient(url);
  const { createSession } = await anonymous.data(SignIn, { input: { email, password } });
  const session = anonymous.with({ sessionToken: createSession.token });

  // A session acts in a workspace when the request names one (x-workspace-id).
  const { workspaces } = await session.data(MyWorkspaces);
  const workspaceId = workspaces?.nodes[0]?.id;
  if (!workspaceId) throw new Error('this user has no workspace: create one first');
  const inWorkspace = session.with({ workspaceId });
  const { viewer } = await inWorkspace.data(Viewer);

  const pagesBackwards: string[][] = [];
  let before: string | null = null;
  for (;;) {
    // The generated type of the answer: the loop reads its cursor back, so TypeScript wants it named.
    const { contentTypes }: TourContentTypesBackwardsQuery = await inWorkspace.data(ContentTypesBackwards, { last: pageSize, before });
    if (!contentTypes) break;
    pagesBackwards.push(contentTypes.nodes.map((type) => type.name));
    if (!contentTypes.pageInfo.hasPreviousPage) break;
    before = contentTypes.pageInfo.startCursor ?? null;
  }

  const { createApiKey } = await session.data(CreateReadKey, { input: { description: 'typed-client tour (read only)', expiresIn: 'ONE_MONTH', scopes: ['READ'], workspaceIds: [workspaceId] } });
  const readOnly = new AtriumClient(url, { apiKey: createApiKey.secret, workspaceId });
  const answer = await readOnly.run(WorkspaceAndKeys);
  return {
    viewer: { credentialKind: viewer.credentialKind, userName: viewer.user?.name ?? null, workspaceName: viewer.workspace?.name ?? null, canEditContentTypes: viewer.can.editContentTypes },
    pagesBackwards,
    denied: { workspaceName: answer.data?.workspace?.name ?? null, apiKeys: answer.data?.apiKeys ?? null, apiKeysError: errorsAt(answer, 'apiKeys')[0]?.extensions?.code },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await tour(process.env.GATEWAY ?? 'http://127.0.0.1:4000/graphql', process.env.EMAIL ?? 'demo@atrium.local', process.env.PASSWORD ?? 'atrium-demo-password');
  console.log(JSON.stringify(result, null, 2));
}

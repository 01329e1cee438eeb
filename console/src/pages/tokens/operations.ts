// The Tokens page's operations: your user keys, the current workspace's keys, and what
// creates, rotates and revokes them. A secret is only ever in a mutation's answer.
import { graphql } from '../../gql';

/** What every list shows of a key (never its secret). */
export const TokensKeyFields = graphql(`
  fragment TokensKeyFields on ApiKey {
    id
    kind
    description
    client
    hint
    scopes
    createdAt
    expiresAt
    lastUsedAt
    status
    workspaces {
      id
      name
    }
    rotatedFrom {
      id
      hint
    }
    rotatedTo {
      id
      hint
    }
  }
`);

export const TokensListDocument = graphql(`
  query TokensList($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after, orderBy: { by: CREATED_AT, direction: DESC }, filter: { owner: ME }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...TokensKeyFields
      }
    }
  }
`);

export const TokensWorkspaceKeysDocument = graphql(`
  query TokensWorkspaceKeys($first: Int!, $after: String) {
    workspace {
      id
      name
      apiKeys(first: $first, after: $after, orderBy: { by: CREATED_AT, direction: DESC }) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...TokensKeyFields
        }
      }
    }
  }
`);

export const TokensCreateDocument = graphql(`
  mutation TokensCreate($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        hint
      }
    }
  }
`);

export const TokensCreateWorkspaceKeyDocument = graphql(`
  mutation TokensCreateWorkspaceKey($input: CreateWorkspaceKeyInput!) {
    createWorkspaceKey(input: $input) {
      secret
      apiKey {
        id
        hint
      }
    }
  }
`);

export const TokensRotateDocument = graphql(`
  mutation TokensRotate($id: ID!, $gracePeriod: Int!) {
    rotateApiKey(id: $id, gracePeriod: $gracePeriod) {
      secret
      apiKey {
        id
        hint
      }
    }
  }
`);

export const TokensRevokeDocument = graphql(`
  mutation TokensRevoke($id: ID!) {
    revokeApiKey(id: $id) {
      apiKey {
        id
        status
      }
    }
  }
`);

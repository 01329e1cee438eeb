/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation TourSignIn($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      token\n    }\n  }\n": typeof types.TourSignInDocument,
    "\n  query TourMyWorkspaces {\n    workspaces(first: 1) {\n      nodes {\n        id\n      }\n    }\n  }\n": typeof types.TourMyWorkspacesDocument,
    "\n  query TourViewer {\n    viewer {\n      credentialKind\n      scopes\n      user {\n        name\n      }\n      workspace {\n        id\n        name\n      }\n      can {\n        editContentTypes\n        createApiKeys\n        readAuditLog\n      }\n    }\n  }\n": typeof types.TourViewerDocument,
    "\n  query TourContentTypesBackwards($last: Int!, $before: String) {\n    contentTypes(last: $last, before: $before) {\n      totalCount\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n": typeof types.TourContentTypesBackwardsDocument,
    "\n  mutation TourCreateReadKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n    }\n  }\n": typeof types.TourCreateReadKeyDocument,
    "\n  query TourWorkspaceAndKeys {\n    workspace {\n      name\n    }\n    apiKeys {\n      totalCount\n    }\n  }\n": typeof types.TourWorkspaceAndKeysDocument,
};
const documents: Documents = {
    "\n  mutation TourSignIn($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      token\n    }\n  }\n": types.TourSignInDocument,
    "\n  query TourMyWorkspaces {\n    workspaces(first: 1) {\n      nodes {\n        id\n      }\n    }\n  }\n": types.TourMyWorkspacesDocument,
    "\n  query TourViewer {\n    viewer {\n      credentialKind\n      scopes\n      user {\n        name\n      }\n      workspace {\n        id\n        name\n      }\n      can {\n        editContentTypes\n        createApiKeys\n        readAuditLog\n      }\n    }\n  }\n": types.TourViewerDocument,
    "\n  query TourContentTypesBackwards($last: Int!, $before: String) {\n    contentTypes(last: $last, before: $before) {\n      totalCount\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n": types.TourContentTypesBackwardsDocument,
    "\n  mutation TourCreateReadKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n    }\n  }\n": types.TourCreateReadKeyDocument,
    "\n  query TourWorkspaceAndKeys {\n    workspace {\n      name\n    }\n    apiKeys {\n      totalCount\n    }\n  }\n": types.TourWorkspaceAndKeysDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TourSignIn($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      token\n    }\n  }\n"): typeof import('./graphql.js').TourSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TourMyWorkspaces {\n    workspaces(first: 1) {\n      nodes {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').TourMyWorkspacesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TourViewer {\n    viewer {\n      credentialKind\n      scopes\n      user {\n        name\n      }\n      workspace {\n        id\n        name\n      }\n      can {\n        editContentTypes\n        createApiKeys\n        readAuditLog\n      }\n    }\n  }\n"): typeof import('./graphql.js').TourViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TourContentTypesBackwards($last: Int!, $before: String) {\n    contentTypes(last: $last, before: $before) {\n      totalCount\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').TourContentTypesBackwardsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TourCreateReadKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n    }\n  }\n"): typeof import('./graphql.js').TourCreateReadKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TourWorkspaceAndKeys {\n    workspace {\n      name\n    }\n    apiKeys {\n      totalCount\n    }\n  }\n"): typeof import('./graphql.js').TourWorkspaceAndKeysDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

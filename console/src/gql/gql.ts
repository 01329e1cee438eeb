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
    "\n  mutation SignInRegister($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.SignInRegisterDocument,
    "\n  mutation SignInRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      email\n    }\n  }\n": typeof types.SignInRequestPasswordResetDocument,
    "\n  fragment AuditTrailEvent on AuditEvent {\n    id\n    createdAt\n    action\n    targetType\n    targetId\n    credentialKind\n    correlationId\n    actor {\n      id\n      name\n      email\n    }\n    workspace {\n      id\n      name\n    }\n    changes {\n      field\n      old\n      new\n      valuesHidden\n    }\n  }\n": typeof types.AuditTrailEventFragmentDoc,
    "\n  query AuditTrailWorkspaceEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AuditTrailEvent\n      }\n    }\n  }\n": typeof types.AuditTrailWorkspaceEventsDocument,
    "\n  query AuditTrailMyEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    me {\n      id\n      auditEvents(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...AuditTrailEvent\n        }\n      }\n    }\n  }\n": typeof types.AuditTrailMyEventsDocument,
    "\n  query RequestLogsKeys {\n    apiKeys(first: 100) {\n      nodes {\n        id\n        description\n        hint\n        status\n      }\n    }\n  }\n": typeof types.RequestLogsKeysDocument,
    "\n  query RequestLogsPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        operationName\n        operationType\n        outcome\n        httpStatus\n        durationMs\n        clientIp\n        correlationId\n      }\n    }\n  }\n": typeof types.RequestLogsPageDocument,
    "\n  query RequestLogsVolume($filter: RequestLogFilter, $interval: VolumeInterval, $timeZone: String) {\n    requestLogVolume(filter: $filter, interval: $interval, timeZone: $timeZone) {\n      start\n      requests\n      errors\n    }\n  }\n": typeof types.RequestLogsVolumeDocument,
    "\n  fragment TokensKeyFields on ApiKey {\n    id\n    kind\n    description\n    hint\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    status\n    workspaces {\n      id\n      name\n    }\n    rotatedFrom {\n      id\n      hint\n    }\n    rotatedTo {\n      id\n      hint\n    }\n  }\n": typeof types.TokensKeyFieldsFragmentDoc,
    "\n  query TokensList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after, orderBy: { by: CREATED_AT, direction: DESC }, filter: { owner: ME }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...TokensKeyFields\n      }\n    }\n  }\n": typeof types.TokensListDocument,
    "\n  query TokensWorkspaceKeys($first: Int!, $after: String) {\n    workspace {\n      id\n      name\n      apiKeys(first: $first, after: $after, orderBy: { by: CREATED_AT, direction: DESC }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...TokensKeyFields\n        }\n      }\n    }\n  }\n": typeof types.TokensWorkspaceKeysDocument,
    "\n  mutation TokensCreate($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n": typeof types.TokensCreateDocument,
    "\n  mutation TokensCreateWorkspaceKey($input: CreateWorkspaceKeyInput!) {\n    createWorkspaceKey(input: $input) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n": typeof types.TokensCreateWorkspaceKeyDocument,
    "\n  mutation TokensRotate($id: ID!, $gracePeriod: Int!) {\n    rotateApiKey(id: $id, gracePeriod: $gracePeriod) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n": typeof types.TokensRotateDocument,
    "\n  mutation TokensRevoke($id: ID!) {\n    revokeApiKey(id: $id) {\n      apiKey {\n        id\n        status\n      }\n    }\n  }\n": typeof types.TokensRevokeDocument,
    "\n  mutation ConsoleSignIn($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.ConsoleSignInDocument,
    "\n  query ConsoleWhoAmI {\n    me {\n      id\n      name\n      email\n      emailVerified\n    }\n    workspaces(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ConsoleWhoAmIDocument,
    "\n  mutation ConsoleSignOut {\n    revokeSession {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.ConsoleSignOutDocument,
    "\n  query ConsoleViewer {\n    viewer {\n      credentialKind\n      scopes\n      can {\n        administerWorkspace\n        deleteWorkspace\n        createWorkspaces\n        manageMembers\n        manageRoles\n        manageGroups\n        createApiKeys\n        manageWorkspaceKeys\n        editContentTypes\n        editContent\n        readAuditLog\n      }\n    }\n  }\n": typeof types.ConsoleViewerDocument,
};
const documents: Documents = {
    "\n  mutation SignInRegister($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.SignInRegisterDocument,
    "\n  mutation SignInRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      email\n    }\n  }\n": types.SignInRequestPasswordResetDocument,
    "\n  fragment AuditTrailEvent on AuditEvent {\n    id\n    createdAt\n    action\n    targetType\n    targetId\n    credentialKind\n    correlationId\n    actor {\n      id\n      name\n      email\n    }\n    workspace {\n      id\n      name\n    }\n    changes {\n      field\n      old\n      new\n      valuesHidden\n    }\n  }\n": types.AuditTrailEventFragmentDoc,
    "\n  query AuditTrailWorkspaceEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AuditTrailEvent\n      }\n    }\n  }\n": types.AuditTrailWorkspaceEventsDocument,
    "\n  query AuditTrailMyEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    me {\n      id\n      auditEvents(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...AuditTrailEvent\n        }\n      }\n    }\n  }\n": types.AuditTrailMyEventsDocument,
    "\n  query RequestLogsKeys {\n    apiKeys(first: 100) {\n      nodes {\n        id\n        description\n        hint\n        status\n      }\n    }\n  }\n": types.RequestLogsKeysDocument,
    "\n  query RequestLogsPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        operationName\n        operationType\n        outcome\n        httpStatus\n        durationMs\n        clientIp\n        correlationId\n      }\n    }\n  }\n": types.RequestLogsPageDocument,
    "\n  query RequestLogsVolume($filter: RequestLogFilter, $interval: VolumeInterval, $timeZone: String) {\n    requestLogVolume(filter: $filter, interval: $interval, timeZone: $timeZone) {\n      start\n      requests\n      errors\n    }\n  }\n": types.RequestLogsVolumeDocument,
    "\n  fragment TokensKeyFields on ApiKey {\n    id\n    kind\n    description\n    hint\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    status\n    workspaces {\n      id\n      name\n    }\n    rotatedFrom {\n      id\n      hint\n    }\n    rotatedTo {\n      id\n      hint\n    }\n  }\n": types.TokensKeyFieldsFragmentDoc,
    "\n  query TokensList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after, orderBy: { by: CREATED_AT, direction: DESC }, filter: { owner: ME }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...TokensKeyFields\n      }\n    }\n  }\n": types.TokensListDocument,
    "\n  query TokensWorkspaceKeys($first: Int!, $after: String) {\n    workspace {\n      id\n      name\n      apiKeys(first: $first, after: $after, orderBy: { by: CREATED_AT, direction: DESC }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...TokensKeyFields\n        }\n      }\n    }\n  }\n": types.TokensWorkspaceKeysDocument,
    "\n  mutation TokensCreate($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n": types.TokensCreateDocument,
    "\n  mutation TokensCreateWorkspaceKey($input: CreateWorkspaceKeyInput!) {\n    createWorkspaceKey(input: $input) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n": types.TokensCreateWorkspaceKeyDocument,
    "\n  mutation TokensRotate($id: ID!, $gracePeriod: Int!) {\n    rotateApiKey(id: $id, gracePeriod: $gracePeriod) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n": types.TokensRotateDocument,
    "\n  mutation TokensRevoke($id: ID!) {\n    revokeApiKey(id: $id) {\n      apiKey {\n        id\n        status\n      }\n    }\n  }\n": types.TokensRevokeDocument,
    "\n  mutation ConsoleSignIn($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      token\n      expiresAt\n    }\n  }\n": types.ConsoleSignInDocument,
    "\n  query ConsoleWhoAmI {\n    me {\n      id\n      name\n      email\n      emailVerified\n    }\n    workspaces(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.ConsoleWhoAmIDocument,
    "\n  mutation ConsoleSignOut {\n    revokeSession {\n      user {\n        id\n      }\n    }\n  }\n": types.ConsoleSignOutDocument,
    "\n  query ConsoleViewer {\n    viewer {\n      credentialKind\n      scopes\n      can {\n        administerWorkspace\n        deleteWorkspace\n        createWorkspaces\n        manageMembers\n        manageRoles\n        manageGroups\n        createApiKeys\n        manageWorkspaceKeys\n        editContentTypes\n        editContent\n        readAuditLog\n      }\n    }\n  }\n": types.ConsoleViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInRegister($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"): typeof import('./graphql.js').SignInRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      email\n    }\n  }\n"): typeof import('./graphql.js').SignInRequestPasswordResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditTrailEvent on AuditEvent {\n    id\n    createdAt\n    action\n    targetType\n    targetId\n    credentialKind\n    correlationId\n    actor {\n      id\n      name\n      email\n    }\n    workspace {\n      id\n      name\n    }\n    changes {\n      field\n      old\n      new\n      valuesHidden\n    }\n  }\n"): typeof import('./graphql.js').AuditTrailEventFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailWorkspaceEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AuditTrailEvent\n      }\n    }\n  }\n"): typeof import('./graphql.js').AuditTrailWorkspaceEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailMyEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    me {\n      id\n      auditEvents(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...AuditTrailEvent\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').AuditTrailMyEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestLogsKeys {\n    apiKeys(first: 100) {\n      nodes {\n        id\n        description\n        hint\n        status\n      }\n    }\n  }\n"): typeof import('./graphql.js').RequestLogsKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestLogsPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        operationName\n        operationType\n        outcome\n        httpStatus\n        durationMs\n        clientIp\n        correlationId\n      }\n    }\n  }\n"): typeof import('./graphql.js').RequestLogsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestLogsVolume($filter: RequestLogFilter, $interval: VolumeInterval, $timeZone: String) {\n    requestLogVolume(filter: $filter, interval: $interval, timeZone: $timeZone) {\n      start\n      requests\n      errors\n    }\n  }\n"): typeof import('./graphql.js').RequestLogsVolumeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TokensKeyFields on ApiKey {\n    id\n    kind\n    description\n    hint\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    status\n    workspaces {\n      id\n      name\n    }\n    rotatedFrom {\n      id\n      hint\n    }\n    rotatedTo {\n      id\n      hint\n    }\n  }\n"): typeof import('./graphql.js').TokensKeyFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokensList($first: Int!, $after: String) {\n    apiKeys(first: $first, after: $after, orderBy: { by: CREATED_AT, direction: DESC }, filter: { owner: ME }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...TokensKeyFields\n      }\n    }\n  }\n"): typeof import('./graphql.js').TokensListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokensWorkspaceKeys($first: Int!, $after: String) {\n    workspace {\n      id\n      name\n      apiKeys(first: $first, after: $after, orderBy: { by: CREATED_AT, direction: DESC }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...TokensKeyFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').TokensWorkspaceKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensCreate($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n"): typeof import('./graphql.js').TokensCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensCreateWorkspaceKey($input: CreateWorkspaceKeyInput!) {\n    createWorkspaceKey(input: $input) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n"): typeof import('./graphql.js').TokensCreateWorkspaceKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensRotate($id: ID!, $gracePeriod: Int!) {\n    rotateApiKey(id: $id, gracePeriod: $gracePeriod) {\n      secret\n      apiKey {\n        id\n        hint\n      }\n    }\n  }\n"): typeof import('./graphql.js').TokensRotateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokensRevoke($id: ID!) {\n    revokeApiKey(id: $id) {\n      apiKey {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql.js').TokensRevokeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSignIn($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      token\n      expiresAt\n    }\n  }\n"): typeof import('./graphql.js').ConsoleSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleWhoAmI {\n    me {\n      id\n      name\n      email\n      emailVerified\n    }\n    workspaces(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleWhoAmIDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSignOut {\n    revokeSession {\n      user {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleSignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    viewer {\n      credentialKind\n      scopes\n      can {\n        administerWorkspace\n        deleteWorkspace\n        createWorkspaces\n        manageMembers\n        manageRoles\n        manageGroups\n        createApiKeys\n        manageWorkspaceKeys\n        editContentTypes\n        editContent\n        readAuditLog\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

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
    "\n  query GroupsList {\n    memberGroups(first: 30) {\n      nodes {\n        id\n        name\n        description\n        members(first: 50) {\n          nodes {\n            id\n            user {\n              id\n              name\n              email\n            }\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.GroupsListDocument,
    "\n  query GroupsMembers {\n    members(first: 100) {\n      nodes {\n        id\n        user {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": typeof types.GroupsMembersDocument,
    "\n  mutation GroupsCreate($input: CreateMemberGroupInput!) {\n    createMemberGroup(input: $input) {\n      memberGroup {\n        id\n        name\n      }\n    }\n  }\n": typeof types.GroupsCreateDocument,
    "\n  mutation GroupsUpdate($id: ID!, $input: UpdateMemberGroupInput!) {\n    updateMemberGroup(id: $id, input: $input) {\n      memberGroup {\n        id\n        name\n      }\n    }\n  }\n": typeof types.GroupsUpdateDocument,
    "\n  mutation GroupsDelete($id: ID!) {\n    deleteMemberGroup(id: $id) {\n      deletedId\n    }\n  }\n": typeof types.GroupsDeleteDocument,
    "\n  mutation GroupsAddUsers($groupId: ID!, $userIds: [ID!]!) {\n    addMemberGroupUsers(groupId: $groupId, userIds: $userIds) {\n      memberGroup {\n        id\n      }\n    }\n  }\n": typeof types.GroupsAddUsersDocument,
    "\n  mutation GroupsRemoveUsers($groupId: ID!, $userIds: [ID!]!) {\n    removeMemberGroupUsers(groupId: $groupId, userIds: $userIds) {\n      memberGroup {\n        id\n      }\n    }\n  }\n": typeof types.GroupsRemoveUsersDocument,
    "\n  query MembersList($after: String) {\n    members(first: 50, after: $after) {\n      nodes {\n        id\n        createdAt\n        user {\n          id\n          name\n          email\n        }\n        role {\n          id\n          key\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MembersListDocument,
    "\n  query MembersRoles {\n    roles(first: 100) {\n      nodes {\n        id\n        key\n        name\n      }\n    }\n  }\n": typeof types.MembersRolesDocument,
    "\n  query MembersInvitations {\n    pending: invitations(first: 100, filter: { status: PENDING }) {\n      nodes {\n        ...MembersInvitation\n      }\n    }\n    expired: invitations(first: 100, filter: { status: EXPIRED }) {\n      nodes {\n        ...MembersInvitation\n      }\n    }\n  }\n  fragment MembersInvitation on Invitation {\n    id\n    email\n    status\n    createdAt\n    expiresAt\n    lastSentAt\n    sendCount\n    role {\n      id\n      name\n    }\n    invitedBy {\n      id\n      name\n    }\n  }\n": typeof types.MembersInvitationsDocument,
    "\n  mutation MembersInvite($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        expiresAt\n      }\n    }\n  }\n": typeof types.MembersInviteDocument,
    "\n  mutation MembersResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      invitation {\n        id\n        expiresAt\n      }\n    }\n  }\n": typeof types.MembersResendInvitationDocument,
    "\n  mutation MembersRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      invitation {\n        id\n        status\n      }\n    }\n  }\n": typeof types.MembersRevokeInvitationDocument,
    "\n  mutation MembersChangeRole($id: ID!, $input: UpdateMemberInput!) {\n    updateMember(id: $id, input: $input) {\n      member {\n        id\n        role {\n          id\n          key\n          name\n        }\n      }\n    }\n  }\n": typeof types.MembersChangeRoleDocument,
    "\n  mutation MembersRemove($id: ID!) {\n    removeMember(id: $id) {\n      deletedId\n    }\n  }\n": typeof types.MembersRemoveDocument,
    "\n  query RolesList {\n    roles(first: 100) {\n      nodes {\n        id\n        key\n        name\n        builtIn\n        permissions\n        memberCount\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.RolesListDocument,
    "\n  mutation RolesCreate($input: CreateRoleInput!) {\n    createRole(input: $input) {\n      role {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RolesCreateDocument,
    "\n  mutation RolesUpdate($id: ID!, $input: UpdateRoleInput!) {\n    updateRole(id: $id, input: $input) {\n      role {\n        id\n        name\n        permissions\n      }\n    }\n  }\n": typeof types.RolesUpdateDocument,
    "\n  mutation RolesDelete($id: ID!, $replacementRoleId: ID) {\n    deleteRole(id: $id, replacementRoleId: $replacementRoleId) {\n      deletedId\n    }\n  }\n": typeof types.RolesDeleteDocument,
    "\n  query SchemaUsage($coordinate: String!, $from: DateTime) {\n    schemaUsage(coordinate: $coordinate, from: $from) {\n      coordinate\n      from\n      to\n      scope\n      requests\n      lastSeen\n      clients {\n        name\n        version\n        requests\n        lastSeen\n      }\n      operations {\n        documentHash\n        name\n        type\n        requests\n        lastSeen\n        clients {\n          name\n          version\n          requests\n        }\n      }\n    }\n  }\n": typeof types.SchemaUsageDocument,
    "\n  query SchemaUsageScope($from: DateTime) {\n    schemaUsage(coordinate: \"Query\", from: $from) {\n      scope\n    }\n  }\n": typeof types.SchemaUsageScopeDocument,
    "\n  query SchemaUsageUnused($days: Int, $kinds: [SchemaCoordinateKind!], $first: Int, $after: String) {\n    unusedFields(days: $days, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        coordinate\n        kind\n        deprecationReason\n      }\n    }\n  }\n": typeof types.SchemaUsageUnusedDocument,
    "\n  mutation SignInRegister($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.SignInRegisterDocument,
    "\n  mutation SignInRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      email\n    }\n  }\n": typeof types.SignInRequestPasswordResetDocument,
    "\n  query WorkspaceSettings {\n    workspace {\n      id\n      name\n      description\n      createdAt\n      statistics {\n        members\n        contentTypes\n        items\n        apiKeys\n      }\n    }\n  }\n": typeof types.WorkspaceSettingsDocument,
    "\n  query WorkspaceDeletionPreview {\n    workspaceDeletionPreview {\n      members\n      invitations\n      roles\n      memberGroups\n      apiKeys\n      contentTypes\n      contentFields\n      items\n      requestLogs\n    }\n  }\n": typeof types.WorkspaceDeletionPreviewDocument,
    "\n  mutation WorkspaceUpdate($input: UpdateWorkspaceInput!) {\n    updateWorkspace(input: $input) {\n      workspace {\n        id\n        name\n        description\n      }\n    }\n  }\n": typeof types.WorkspaceUpdateDocument,
    "\n  mutation WorkspaceDelete($confirmName: String!) {\n    deleteWorkspace(confirmName: $confirmName) {\n      deletedId\n    }\n  }\n": typeof types.WorkspaceDeleteDocument,
    "\n  fragment AuditTrailEvent on AuditEvent {\n    id\n    createdAt\n    action\n    targetType\n    targetId\n    credentialKind\n    correlationId\n    actor {\n      id\n      name\n      email\n    }\n    workspace {\n      id\n      name\n    }\n    changes {\n      field\n      old\n      new\n      valuesHidden\n    }\n  }\n": typeof types.AuditTrailEventFragmentDoc,
    "\n  query AuditTrailWorkspaceEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AuditTrailEvent\n      }\n    }\n  }\n": typeof types.AuditTrailWorkspaceEventsDocument,
    "\n  query AuditTrailMyEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    me {\n      id\n      auditEvents(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...AuditTrailEvent\n        }\n      }\n    }\n  }\n": typeof types.AuditTrailMyEventsDocument,
    "\n  query RequestLogsKeys {\n    apiKeys(first: 100) {\n      nodes {\n        id\n        description\n        hint\n        status\n      }\n    }\n  }\n": typeof types.RequestLogsKeysDocument,
    "\n  query RequestLogsPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        operationName\n        operationType\n        outcome\n        httpStatus\n        durationMs\n        clientIp\n        correlationId\n      }\n    }\n  }\n": typeof types.RequestLogsPageDocument,
    "\n  query RequestLogsVolume($filter: RequestLogFilter, $interval: VolumeInterval, $timeZone: String) {\n    requestLogVolume(filter: $filter, interval: $interval, timeZone: $timeZone) {\n      start\n      requests\n      errors\n    }\n  }\n": typeof types.RequestLogsVolumeDocument,
    "\n  fragment TokensKeyFields on ApiKey {\n    id\n    kind\n    description\n    client\n    hint\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    status\n    workspaces {\n      id\n      name\n    }\n    rotatedFrom {\n      id\n      hint\n    }\n    rotatedTo {\n      id\n      hint\n    }\n  }\n": typeof types.TokensKeyFieldsFragmentDoc,
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
    "\n  query GroupsList {\n    memberGroups(first: 30) {\n      nodes {\n        id\n        name\n        description\n        members(first: 50) {\n          nodes {\n            id\n            user {\n              id\n              name\n              email\n            }\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.GroupsListDocument,
    "\n  query GroupsMembers {\n    members(first: 100) {\n      nodes {\n        id\n        user {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": types.GroupsMembersDocument,
    "\n  mutation GroupsCreate($input: CreateMemberGroupInput!) {\n    createMemberGroup(input: $input) {\n      memberGroup {\n        id\n        name\n      }\n    }\n  }\n": types.GroupsCreateDocument,
    "\n  mutation GroupsUpdate($id: ID!, $input: UpdateMemberGroupInput!) {\n    updateMemberGroup(id: $id, input: $input) {\n      memberGroup {\n        id\n        name\n      }\n    }\n  }\n": types.GroupsUpdateDocument,
    "\n  mutation GroupsDelete($id: ID!) {\n    deleteMemberGroup(id: $id) {\n      deletedId\n    }\n  }\n": types.GroupsDeleteDocument,
    "\n  mutation GroupsAddUsers($groupId: ID!, $userIds: [ID!]!) {\n    addMemberGroupUsers(groupId: $groupId, userIds: $userIds) {\n      memberGroup {\n        id\n      }\n    }\n  }\n": types.GroupsAddUsersDocument,
    "\n  mutation GroupsRemoveUsers($groupId: ID!, $userIds: [ID!]!) {\n    removeMemberGroupUsers(groupId: $groupId, userIds: $userIds) {\n      memberGroup {\n        id\n      }\n    }\n  }\n": types.GroupsRemoveUsersDocument,
    "\n  query MembersList($after: String) {\n    members(first: 50, after: $after) {\n      nodes {\n        id\n        createdAt\n        user {\n          id\n          name\n          email\n        }\n        role {\n          id\n          key\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MembersListDocument,
    "\n  query MembersRoles {\n    roles(first: 100) {\n      nodes {\n        id\n        key\n        name\n      }\n    }\n  }\n": types.MembersRolesDocument,
    "\n  query MembersInvitations {\n    pending: invitations(first: 100, filter: { status: PENDING }) {\n      nodes {\n        ...MembersInvitation\n      }\n    }\n    expired: invitations(first: 100, filter: { status: EXPIRED }) {\n      nodes {\n        ...MembersInvitation\n      }\n    }\n  }\n  fragment MembersInvitation on Invitation {\n    id\n    email\n    status\n    createdAt\n    expiresAt\n    lastSentAt\n    sendCount\n    role {\n      id\n      name\n    }\n    invitedBy {\n      id\n      name\n    }\n  }\n": types.MembersInvitationsDocument,
    "\n  mutation MembersInvite($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        expiresAt\n      }\n    }\n  }\n": types.MembersInviteDocument,
    "\n  mutation MembersResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      invitation {\n        id\n        expiresAt\n      }\n    }\n  }\n": types.MembersResendInvitationDocument,
    "\n  mutation MembersRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      invitation {\n        id\n        status\n      }\n    }\n  }\n": types.MembersRevokeInvitationDocument,
    "\n  mutation MembersChangeRole($id: ID!, $input: UpdateMemberInput!) {\n    updateMember(id: $id, input: $input) {\n      member {\n        id\n        role {\n          id\n          key\n          name\n        }\n      }\n    }\n  }\n": types.MembersChangeRoleDocument,
    "\n  mutation MembersRemove($id: ID!) {\n    removeMember(id: $id) {\n      deletedId\n    }\n  }\n": types.MembersRemoveDocument,
    "\n  query RolesList {\n    roles(first: 100) {\n      nodes {\n        id\n        key\n        name\n        builtIn\n        permissions\n        memberCount\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.RolesListDocument,
    "\n  mutation RolesCreate($input: CreateRoleInput!) {\n    createRole(input: $input) {\n      role {\n        id\n        name\n      }\n    }\n  }\n": types.RolesCreateDocument,
    "\n  mutation RolesUpdate($id: ID!, $input: UpdateRoleInput!) {\n    updateRole(id: $id, input: $input) {\n      role {\n        id\n        name\n        permissions\n      }\n    }\n  }\n": types.RolesUpdateDocument,
    "\n  mutation RolesDelete($id: ID!, $replacementRoleId: ID) {\n    deleteRole(id: $id, replacementRoleId: $replacementRoleId) {\n      deletedId\n    }\n  }\n": types.RolesDeleteDocument,
    "\n  query SchemaUsage($coordinate: String!, $from: DateTime) {\n    schemaUsage(coordinate: $coordinate, from: $from) {\n      coordinate\n      from\n      to\n      scope\n      requests\n      lastSeen\n      clients {\n        name\n        version\n        requests\n        lastSeen\n      }\n      operations {\n        documentHash\n        name\n        type\n        requests\n        lastSeen\n        clients {\n          name\n          version\n          requests\n        }\n      }\n    }\n  }\n": types.SchemaUsageDocument,
    "\n  query SchemaUsageScope($from: DateTime) {\n    schemaUsage(coordinate: \"Query\", from: $from) {\n      scope\n    }\n  }\n": types.SchemaUsageScopeDocument,
    "\n  query SchemaUsageUnused($days: Int, $kinds: [SchemaCoordinateKind!], $first: Int, $after: String) {\n    unusedFields(days: $days, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        coordinate\n        kind\n        deprecationReason\n      }\n    }\n  }\n": types.SchemaUsageUnusedDocument,
    "\n  mutation SignInRegister($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.SignInRegisterDocument,
    "\n  mutation SignInRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      email\n    }\n  }\n": types.SignInRequestPasswordResetDocument,
    "\n  query WorkspaceSettings {\n    workspace {\n      id\n      name\n      description\n      createdAt\n      statistics {\n        members\n        contentTypes\n        items\n        apiKeys\n      }\n    }\n  }\n": types.WorkspaceSettingsDocument,
    "\n  query WorkspaceDeletionPreview {\n    workspaceDeletionPreview {\n      members\n      invitations\n      roles\n      memberGroups\n      apiKeys\n      contentTypes\n      contentFields\n      items\n      requestLogs\n    }\n  }\n": types.WorkspaceDeletionPreviewDocument,
    "\n  mutation WorkspaceUpdate($input: UpdateWorkspaceInput!) {\n    updateWorkspace(input: $input) {\n      workspace {\n        id\n        name\n        description\n      }\n    }\n  }\n": types.WorkspaceUpdateDocument,
    "\n  mutation WorkspaceDelete($confirmName: String!) {\n    deleteWorkspace(confirmName: $confirmName) {\n      deletedId\n    }\n  }\n": types.WorkspaceDeleteDocument,
    "\n  fragment AuditTrailEvent on AuditEvent {\n    id\n    createdAt\n    action\n    targetType\n    targetId\n    credentialKind\n    correlationId\n    actor {\n      id\n      name\n      email\n    }\n    workspace {\n      id\n      name\n    }\n    changes {\n      field\n      old\n      new\n      valuesHidden\n    }\n  }\n": types.AuditTrailEventFragmentDoc,
    "\n  query AuditTrailWorkspaceEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AuditTrailEvent\n      }\n    }\n  }\n": types.AuditTrailWorkspaceEventsDocument,
    "\n  query AuditTrailMyEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    me {\n      id\n      auditEvents(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          ...AuditTrailEvent\n        }\n      }\n    }\n  }\n": types.AuditTrailMyEventsDocument,
    "\n  query RequestLogsKeys {\n    apiKeys(first: 100) {\n      nodes {\n        id\n        description\n        hint\n        status\n      }\n    }\n  }\n": types.RequestLogsKeysDocument,
    "\n  query RequestLogsPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLogs(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        createdAt\n        operationName\n        operationType\n        outcome\n        httpStatus\n        durationMs\n        clientIp\n        correlationId\n      }\n    }\n  }\n": types.RequestLogsPageDocument,
    "\n  query RequestLogsVolume($filter: RequestLogFilter, $interval: VolumeInterval, $timeZone: String) {\n    requestLogVolume(filter: $filter, interval: $interval, timeZone: $timeZone) {\n      start\n      requests\n      errors\n    }\n  }\n": types.RequestLogsVolumeDocument,
    "\n  fragment TokensKeyFields on ApiKey {\n    id\n    kind\n    description\n    client\n    hint\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    status\n    workspaces {\n      id\n      name\n    }\n    rotatedFrom {\n      id\n      hint\n    }\n    rotatedTo {\n      id\n      hint\n    }\n  }\n": types.TokensKeyFieldsFragmentDoc,
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
export function graphql(source: "\n  query GroupsList {\n    memberGroups(first: 30) {\n      nodes {\n        id\n        name\n        description\n        members(first: 50) {\n          nodes {\n            id\n            user {\n              id\n              name\n              email\n            }\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql.js').GroupsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupsMembers {\n    members(first: 100) {\n      nodes {\n        id\n        user {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').GroupsMembersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GroupsCreate($input: CreateMemberGroupInput!) {\n    createMemberGroup(input: $input) {\n      memberGroup {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql.js').GroupsCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GroupsUpdate($id: ID!, $input: UpdateMemberGroupInput!) {\n    updateMemberGroup(id: $id, input: $input) {\n      memberGroup {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql.js').GroupsUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GroupsDelete($id: ID!) {\n    deleteMemberGroup(id: $id) {\n      deletedId\n    }\n  }\n"): typeof import('./graphql.js').GroupsDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GroupsAddUsers($groupId: ID!, $userIds: [ID!]!) {\n    addMemberGroupUsers(groupId: $groupId, userIds: $userIds) {\n      memberGroup {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').GroupsAddUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GroupsRemoveUsers($groupId: ID!, $userIds: [ID!]!) {\n    removeMemberGroupUsers(groupId: $groupId, userIds: $userIds) {\n      memberGroup {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').GroupsRemoveUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MembersList($after: String) {\n    members(first: 50, after: $after) {\n      nodes {\n        id\n        createdAt\n        user {\n          id\n          name\n          email\n        }\n        role {\n          id\n          key\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').MembersListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MembersRoles {\n    roles(first: 100) {\n      nodes {\n        id\n        key\n        name\n      }\n    }\n  }\n"): typeof import('./graphql.js').MembersRolesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MembersInvitations {\n    pending: invitations(first: 100, filter: { status: PENDING }) {\n      nodes {\n        ...MembersInvitation\n      }\n    }\n    expired: invitations(first: 100, filter: { status: EXPIRED }) {\n      nodes {\n        ...MembersInvitation\n      }\n    }\n  }\n  fragment MembersInvitation on Invitation {\n    id\n    email\n    status\n    createdAt\n    expiresAt\n    lastSentAt\n    sendCount\n    role {\n      id\n      name\n    }\n    invitedBy {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql.js').MembersInvitationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersInvite($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        expiresAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').MembersInviteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      invitation {\n        id\n        expiresAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').MembersResendInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersRevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      invitation {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql.js').MembersRevokeInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersChangeRole($id: ID!, $input: UpdateMemberInput!) {\n    updateMember(id: $id, input: $input) {\n      member {\n        id\n        role {\n          id\n          key\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').MembersChangeRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersRemove($id: ID!) {\n    removeMember(id: $id) {\n      deletedId\n    }\n  }\n"): typeof import('./graphql.js').MembersRemoveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RolesList {\n    roles(first: 100) {\n      nodes {\n        id\n        key\n        name\n        builtIn\n        permissions\n        memberCount\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql.js').RolesListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RolesCreate($input: CreateRoleInput!) {\n    createRole(input: $input) {\n      role {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql.js').RolesCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RolesUpdate($id: ID!, $input: UpdateRoleInput!) {\n    updateRole(id: $id, input: $input) {\n      role {\n        id\n        name\n        permissions\n      }\n    }\n  }\n"): typeof import('./graphql.js').RolesUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RolesDelete($id: ID!, $replacementRoleId: ID) {\n    deleteRole(id: $id, replacementRoleId: $replacementRoleId) {\n      deletedId\n    }\n  }\n"): typeof import('./graphql.js').RolesDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchemaUsage($coordinate: String!, $from: DateTime) {\n    schemaUsage(coordinate: $coordinate, from: $from) {\n      coordinate\n      from\n      to\n      scope\n      requests\n      lastSeen\n      clients {\n        name\n        version\n        requests\n        lastSeen\n      }\n      operations {\n        documentHash\n        name\n        type\n        requests\n        lastSeen\n        clients {\n          name\n          version\n          requests\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').SchemaUsageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchemaUsageScope($from: DateTime) {\n    schemaUsage(coordinate: \"Query\", from: $from) {\n      scope\n    }\n  }\n"): typeof import('./graphql.js').SchemaUsageScopeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchemaUsageUnused($days: Int, $kinds: [SchemaCoordinateKind!], $first: Int, $after: String) {\n    unusedFields(days: $days, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        coordinate\n        kind\n        deprecationReason\n      }\n    }\n  }\n"): typeof import('./graphql.js').SchemaUsageUnusedDocument;
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
export function graphql(source: "\n  query WorkspaceSettings {\n    workspace {\n      id\n      name\n      description\n      createdAt\n      statistics {\n        members\n        contentTypes\n        items\n        apiKeys\n      }\n    }\n  }\n"): typeof import('./graphql.js').WorkspaceSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspaceDeletionPreview {\n    workspaceDeletionPreview {\n      members\n      invitations\n      roles\n      memberGroups\n      apiKeys\n      contentTypes\n      contentFields\n      items\n      requestLogs\n    }\n  }\n"): typeof import('./graphql.js').WorkspaceDeletionPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkspaceUpdate($input: UpdateWorkspaceInput!) {\n    updateWorkspace(input: $input) {\n      workspace {\n        id\n        name\n        description\n      }\n    }\n  }\n"): typeof import('./graphql.js').WorkspaceUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkspaceDelete($confirmName: String!) {\n    deleteWorkspace(confirmName: $confirmName) {\n      deletedId\n    }\n  }\n"): typeof import('./graphql.js').WorkspaceDeleteDocument;
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
export function graphql(source: "\n  fragment TokensKeyFields on ApiKey {\n    id\n    kind\n    description\n    client\n    hint\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    status\n    workspaces {\n      id\n      name\n    }\n    rotatedFrom {\n      id\n      hint\n    }\n    rotatedTo {\n      id\n      hint\n    }\n  }\n"): typeof import('./graphql.js').TokensKeyFieldsFragmentDoc;
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

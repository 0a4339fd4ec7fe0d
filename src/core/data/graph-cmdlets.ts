/**
 * Microsoft Graph PowerShell cmdlet nouns and the Graph path each one calls, for the cmdlets people
 * paste errors of most often (`Get-MgUser_List: Insufficient privileges…`, microsoftgraph/msgraph-sdk-powershell#92).
 * A collection path; the item path is the collection with `/{id}` added, unless `single` (a
 * single-valued navigation such as `manager`). Paths as in the Graph API reference (`Find-MgGraphCommand`).
 */
export interface CmdletNoun {
  readonly path: string
  readonly single?: true
  /** `New-`/`Remove-` work on references (`$ref`): group members and owners. */
  readonly ref?: true
}

export const cmdletNouns: Readonly<Record<string, CmdletNoun>> = {
  User: { path: '/users' },
  UserManager: { path: '/users/{user-id}/manager', single: true },
  UserMemberOf: { path: '/users/{user-id}/memberOf' },
  UserTransitiveMemberOf: { path: '/users/{user-id}/transitiveMemberOf' },
  UserDirectReport: { path: '/users/{user-id}/directReports' },
  UserOwnedObject: { path: '/users/{user-id}/ownedObjects' },
  UserLicenseDetail: { path: '/users/{user-id}/licenseDetails' },
  UserAuthenticationMethod: { path: '/users/{user-id}/authentication/methods' },
  UserMessage: { path: '/users/{user-id}/messages' },
  UserMailFolder: { path: '/users/{user-id}/mailFolders' },
  UserMailFolderMessage: { path: '/users/{user-id}/mailFolders/{mailFolder-id}/messages' },
  UserEvent: { path: '/users/{user-id}/events' },
  UserCalendar: { path: '/users/{user-id}/calendars' },
  UserCalendarView: { path: '/users/{user-id}/calendarView' },
  UserContact: { path: '/users/{user-id}/contacts' },
  UserJoinedTeam: { path: '/users/{user-id}/joinedTeams' },
  UserChat: { path: '/users/{user-id}/chats' },
  UserTodoList: { path: '/users/{user-id}/todo/lists' },
  UserAppRoleAssignment: { path: '/users/{user-id}/appRoleAssignments' },
  Group: { path: '/groups' },
  GroupMember: { path: '/groups/{group-id}/members', ref: true },
  GroupOwner: { path: '/groups/{group-id}/owners', ref: true },
  GroupTransitiveMember: { path: '/groups/{group-id}/transitiveMembers' },
  Application: { path: '/applications' },
  ApplicationOwner: { path: '/applications/{application-id}/owners', ref: true },
  ServicePrincipal: { path: '/servicePrincipals' },
  ServicePrincipalAppRoleAssignment: { path: '/servicePrincipals/{servicePrincipal-id}/appRoleAssignments' },
  ServicePrincipalAppRoleAssignedTo: { path: '/servicePrincipals/{servicePrincipal-id}/appRoleAssignedTo' },
  Oauth2PermissionGrant: { path: '/oauth2PermissionGrants' },
  Device: { path: '/devices' },
  DirectoryRole: { path: '/directoryRoles' },
  DirectoryRoleMember: { path: '/directoryRoles/{directoryRole-id}/members', ref: true },
  DirectoryObject: { path: '/directoryObjects' },
  Organization: { path: '/organization' },
  SubscribedSku: { path: '/subscribedSkus' },
  Domain: { path: '/domains' },
  Contact: { path: '/contacts' },
  Invitation: { path: '/invitations' },
  Subscription: { path: '/subscriptions' },
  Team: { path: '/teams' },
  TeamChannel: { path: '/teams/{team-id}/channels' },
  TeamMember: { path: '/teams/{team-id}/members' },
  TeamChannelMessage: { path: '/teams/{team-id}/channels/{channel-id}/messages' },
  Chat: { path: '/chats' },
  ChatMessage: { path: '/chats/{chat-id}/messages' },
  Site: { path: '/sites' },
  SiteList: { path: '/sites/{site-id}/lists' },
  SiteListItem: { path: '/sites/{site-id}/lists/{list-id}/items' },
  SitePermission: { path: '/sites/{site-id}/permissions' },
  Drive: { path: '/drives' },
  DriveItem: { path: '/drives/{drive-id}/items' },
  PlannerPlan: { path: '/planner/plans' },
  PlannerTask: { path: '/planner/tasks' },
  AuditLogSignIn: { path: '/auditLogs/signIns' },
  AuditLogDirectoryAudit: { path: '/auditLogs/directoryAudits' },
  IdentityConditionalAccessPolicy: { path: '/identity/conditionalAccess/policies' },
  RoleManagementDirectoryRoleAssignment: { path: '/roleManagement/directory/roleAssignments' },
  RoleManagementDirectoryRoleDefinition: { path: '/roleManagement/directory/roleDefinitions' },
  DeviceManagementManagedDevice: { path: '/deviceManagement/managedDevices' },
}

/** Cmdlets whose verb is an action rather than get, create, update or remove. */
export const cmdletActions: Readonly<Record<string, { readonly method: string; readonly path: string }>> = {
  'Send-MgUserMail': { method: 'POST', path: '/users/{user-id}/sendMail' },
  'Set-MgUserLicense': { method: 'POST', path: '/users/{user-id}/assignLicense' },
  'Set-MgUserManagerByRef': { method: 'PUT', path: '/users/{user-id}/manager/$ref' },
  'Reset-MgUserAuthenticationMethodPassword': { method: 'POST', path: '/users/{user-id}/authentication/methods/{authenticationMethod-id}/resetPassword' },
  'Revoke-MgUserSignInSession': { method: 'POST', path: '/users/{user-id}/revokeSignInSessions' },
}

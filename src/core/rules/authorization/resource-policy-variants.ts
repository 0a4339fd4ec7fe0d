import type { Link } from '../../types.js'

/** Which resource-level control denied the call; each has its own explanation, fix and links. */
export type PolicyVariant =
  | 'teams-protected-api'
  | 'teams-app-access-policy'
  | 'exchange-app-policy'
  | 'exchange-rest-blocked'
  | 'sites-selected'
  | 'sites-selected-discovery'
  | 'sites-selected-write'
  | 'teams-rsc'
  | 'directory-role'
  | 'role-assignable-group'
  | 'guest-invite-settings'
  | 'other'

interface VariantText {
  /** What denied the call, completing "… was denied: …". */
  readonly cause: string
  readonly fix: (appId: string) => string[]
  readonly links: readonly Link[]
}

const learn = (path: string): string => `https://learn.microsoft.com/${path}`

export const VARIANTS: Readonly<Record<PolicyVariant, VariantText>> = {
  'teams-protected-api': {
    cause: 'Microsoft Teams treats this API as protected: in application-only context it works only for apps Microsoft has approved for protected API access (or through resource-specific consent), whatever permissions the token holds',
    fix: (appId) => [
      `Request protected API access for the app (app id ${appId}) with Microsoft's Teams protected APIs request form (https://aka.ms/teamsgraph/requestaccess), naming the APIs it calls and why; approval is per app and per tenant and takes days.`,
      'Until it is approved, the same data is reachable with delegated permissions (a signed-in user), or with resource-specific consent where the API supports it (the app installed in that team or chat).',
    ],
    links: [{ title: 'Protected APIs in Microsoft Teams', url: learn('graph/teams-protected-apis') }],
  },
  'teams-app-access-policy': {
    cause: 'online meetings (and their transcripts, recordings and attendance reports) answer an app-only token only for users a Teams application access policy covers: a Teams admin must create a policy naming this app and grant it to the user (or to everyone); the Graph permission alone is not enough. This is Teams\' policy, not Exchange\'s application access policy',
    fix: (appId) => [
      `A Teams admin, in the MicrosoftTeams PowerShell module (\`Connect-MicrosoftTeams\`), creates the policy: \`New-CsApplicationAccessPolicy -Identity "Meetings-App-Policy" -AppIds "${appId}" -Description "Graph online meetings"\`.`,
      'Then grants it to the user whose meetings the app reads or creates (the user in /users/{id}/onlineMeetings): `Grant-CsApplicationAccessPolicy -PolicyName "Meetings-App-Policy" -Identity "<user object id>"`, or to every user: `Grant-CsApplicationAccessPolicy -PolicyName "Meetings-App-Policy" -Global`.',
      'Policy changes are not immediate: wait, then request again; the app keeps its OnlineMeetings application permission and admin consent.',
    ],
    links: [
      { title: 'Allow applications to access online meetings on behalf of a user', url: learn('graph/cloud-communication-online-meeting-application-access-policy') },
      { title: 'New-CsApplicationAccessPolicy', url: learn('powershell/module/microsoftteams/new-csapplicationaccesspolicy') },
    ],
  },
  'exchange-app-policy': {
    cause: 'an Exchange Online application access policy or RBAC for Applications scope limits which mailboxes this app may reach, and this mailbox is outside it',
    fix: (appId) => [
      `Check the Exchange scoping in Exchange Online PowerShell: \`Test-ApplicationAccessPolicy -Identity <mailbox> -AppId ${appId}\` (application access policies) and \`Test-ServicePrincipalAuthorization -Identity ${appId} -Resource <mailbox>\` (RBAC for Applications).`,
      `If the mailbox should be reachable, add it to the policy's mail-enabled security group, or create the scope: \`New-ManagementScope\` + \`New-ManagementRoleAssignment -App ${appId} -Role "Application Mail.Read" -CustomResourceScope <scope>\`. Changes can take an hour or more to apply.`,
    ],
    links: [
      { title: 'RBAC for Applications in Exchange Online', url: learn('exchange/permissions-exo/application-rbac') },
      { title: 'Limit application permissions to specific Exchange Online mailboxes', url: learn('graph/auth-limit-mailbox-access') },
    ],
  },
  'exchange-rest-blocked': {
    cause: 'Exchange Online blocks REST (OData) access for this app or mailbox: the organization\'s or the mailbox\'s EWS/REST allow and block lists (EwsApplicationAccessPolicy, EwsAllowList, EwsBlockList, EwsEnabled) exclude it. No Graph permission or consent changes this',
    fix: () => [
      'An Exchange admin checks the organization settings: `Get-OrganizationConfig | Format-List EwsEnabled,EwsApplicationAccessPolicy,EwsAllowList,EwsBlockList`, and the mailbox: `Get-CASMailbox -Identity <mailbox> | Format-List EwsEnabled,EwsApplicationAccessPolicy,EwsAllowList,EwsBlockList`.',
      'Allow the app: with EnforceAllowList add its user agent (`Set-OrganizationConfig -EwsAllowList @{Add="<user agent>"}`), with EnforceBlockList remove it from EwsBlockList, or enable EWS for the mailbox (`Set-CASMailbox -Identity <mailbox> -EwsEnabled $true`). The list is matched against the User-Agent header the app sends.',
    ],
    links: [
      { title: 'Set-OrganizationConfig (EwsApplicationAccessPolicy, EwsAllowList, EwsBlockList)', url: learn('powershell/module/exchange/set-organizationconfig') },
      { title: 'Set-CASMailbox (EwsEnabled and the per-mailbox lists)', url: learn('powershell/module/exchange/set-casmailbox') },
    ],
  },
  'sites-selected': {
    cause: 'with Sites.Selected the app reaches only the sites it was granted one by one, and this site has no grant for it',
    fix: (appId) => [
      `An admin grants the app on the site: POST /sites/{site-id}/permissions {"roles":["read"|"write"|"fullcontrol"],"grantedToIdentities":[{"application":{"id":"${appId}"}}]} (with a token that holds Sites.FullControl.All), or \`Grant-PnPAzureADAppSitePermission\`.`,
      'Check the existing grants with GET /sites/{site-id}/permissions.',
    ],
    links: [{ title: 'Selected permissions in OneDrive and SharePoint', url: learn('graph/permissions-selected-overview') }],
  },
  'sites-selected-write': {
    cause: 'with Sites.Selected the app reaches only the sites granted to it one by one, each grant with a role (read, write, owner, fullcontrol): this site has no grant for the app, or a read grant while this call writes',
    fix: (appId) => [
      `Check the app's grant on the site: GET /sites/{site-id}/permissions lists it (grantedToIdentitiesV2 with application id ${appId}) and its roles; this call needs "write" or higher.`,
      `An admin raises it with PATCH /sites/{site-id}/permissions/{permission-id} {"roles":["write"]}, or grants it anew with POST /sites/{site-id}/permissions {"roles":["write"],"grantedToIdentities":[{"application":{"id":"${appId}"}}]} (a token that holds Sites.FullControl.All), or \`Grant-PnPAzureADAppSitePermission -Permissions Write\`.`,
    ],
    links: [{ title: 'Selected permissions in OneDrive and SharePoint', url: learn('graph/permissions-selected-overview') }],
  },
  'sites-selected-discovery': {
    cause: 'Sites.Selected reaches only the sites granted to the app one by one, and it never lists or searches sites (GET /sites?search=, getAllSites, /sites/delta): finding sites needs Sites.Read.All, which reaches every site',
    fix: (appId) => [
      'Address the granted site directly instead of searching for it: GET /sites/{hostname}:/sites/{site-path} (for example /sites/contoso.sharepoint.com:/sites/Finance) or GET /sites/{site-id}; keep the site id in the app\'s configuration.',
      `The site must be granted to the app (app id ${appId}): an admin POSTs /sites/{site-id}/permissions {"roles":["read"],"grantedToIdentities":[{"application":{"id":"${appId}"}}]} with a token that holds Sites.FullControl.All, or uses \`Grant-PnPAzureADAppSitePermission\`.`,
      'Only if the app must discover sites: the application permission Sites.Read.All (admin consent), which gives up the per-site limit.',
    ],
    links: [{ title: 'Selected permissions in OneDrive and SharePoint', url: learn('graph/permissions-selected-overview') }],
  },
  'teams-rsc': {
    cause: 'Teams and chats grant resource-specific consent per team or chat: the app is not installed there with the resource-specific permission this call needs, and its tenant-wide permission does not reach this team or chat',
    fix: () => [
      'Install the app in that team or chat with the resource-specific permission declared in its manifest (for example ChannelMessage.Read.Group), or grant the tenant-wide application permission with admin consent.',
    ],
    links: [{ title: 'Resource-specific consent for Teams', url: learn('microsoftteams/platform/graph-api/rsc/resource-specific-consent') }],
  },
  'directory-role': {
    cause: 'on directory objects Microsoft Entra ID checks directory roles as well as Graph permissions: changing a user who holds an administrator role (or such a user\'s sensitive properties: passwords, phone numbers, other email addresses, sign-in state), and some other operations, need a directory role on the app\'s service principal whatever permission the token holds',
    fix: (appId) => [
      'Check whether the target holds an administrator role: `GET /users/{id}/memberOf/microsoft.graph.directoryRole` (or its role assignments in Entra admin center > Users > the user > Assigned roles).',
      `To change such users, the app's service principal (app id ${appId}) needs a directory role that may manage them, for sensitive properties and passwords Privileged Authentication Administrator: assign it in Entra admin center > Roles and administrators, or with \`New-MgRoleManagementDirectoryRoleAssignment -PrincipalId <service-principal-object-id> -RoleDefinitionId <role-template-id> -DirectoryScopeId '/'\`, then request a new token.`,
      'If the app should not manage administrators, leave them out of its reach instead (an administrative unit with a role scoped to it).',
    ],
    links: [
      { title: 'Who can perform sensitive actions on users', url: learn('graph/api/resources/users#who-can-perform-sensitive-actions') },
      { title: 'Microsoft Entra built-in roles', url: learn('entra/identity/role-based-access-control/permissions-reference') },
    ],
  },
  'role-assignable-group': {
    cause: 'a group that can be assigned to Microsoft Entra roles (isAssignableToRole) takes member and owner changes only from a caller that may manage role assignments: the app needs RoleManagement.ReadWrite.Directory as well, whatever group permission it holds',
    fix: (appId) => [
      'Check the group: `GET /groups/{id}?$select=isAssignableToRole,membershipRule,onPremisesSyncEnabled` (a dynamic group takes no manual members; a group synchronized from on-premises is changed there).',
      `For a role-assignable group, add the application permission RoleManagement.ReadWrite.Directory to the app (app id ${appId}) and grant admin consent, or have a Privileged Role Administrator make the change; then request a new token.`,
    ],
    links: [
      { title: 'Add members (role-assignable groups)', url: learn('graph/api/group-post-members') },
      { title: 'Use Microsoft Entra groups to manage role assignments', url: learn('entra/identity/role-based-access-control/groups-concept') },
    ],
  },
  'guest-invite-settings': {
    cause: 'the tenant\'s external collaboration settings block this invitation, whatever the permission: the guest invite restrictions (at their strictest nobody, admins included, may invite), the collaboration restrictions\' allowed or blocked domains, or the cross-tenant access settings for B2B collaboration with the guest\'s organization',
    fix: () => [
      'A Global or External Identity Administrator checks Entra admin center > External Identities > External collaboration settings: "Guest invite restrictions" must let this caller invite (an app invites only when the setting is not the strictest; a user needs the Guest Inviter role or a less strict setting), and "Collaboration restrictions" must not block the invited address\'s domain.',
      'Then check External Identities > Cross-tenant access settings: B2B collaboration inbound (default or for the guest\'s organization) must allow it; and retry the invitation.',
    ],
    links: [
      { title: 'Configure external collaboration settings', url: learn('entra/external-id/external-collaboration-settings-configure') },
      { title: 'Create invitation', url: learn('graph/api/invitation-post') },
    ],
  },
  other: {
    cause: 'a setting on the resource itself limits what this app may reach',
    fix: () => ['Check the resource\'s own access settings for this app (ownership, sharing, a policy that scopes application access), since the Graph permission itself is present.'],
    links: [{ title: 'Resolve Microsoft Graph authorization errors', url: learn('graph/resolve-auth-errors') }],
  },
}

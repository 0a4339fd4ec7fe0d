import type { Cloud } from '../../target.js'
import type { FixActions } from '../../types.js'
import { defaultScope, graphHost, namedScope } from '../fix-text.js'

export type PasswordOperation = 'profile' | 'reset' | 'change'

/** Directory role template ids used in the fix text (Microsoft Entra built-in roles). */
export const PASSWORD_ROLE_IDS = {
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
} as const

export interface FixInputs {
  readonly isAppOnly: boolean
  readonly cloud: Cloud
  /** For app-only tokens, `oid` is the service principal's object id. */
  readonly servicePrincipalId: string | undefined
  readonly url: string | null
}

/** Today's rules for each password operation, as exact steps. */
export function passwordFixes(operation: PasswordOperation, inputs: FixInputs): string[] {
  if (operation === 'change') return changeFixes()
  if (operation === 'reset') return inputs.isAppOnly ? [...resetAppOnlyFixes(), ...profileAppOnlyFixes(inputs)] : resetDelegatedFixes()
  return inputs.isAppOnly ? profileAppOnlyFixes(inputs) : profileDelegatedFixes()
}

/** The role assignment command for the app's service principal. */
function assignUserAdministrator(sp: string): string {
  return `New-MgRoleManagementDirectoryRoleAssignment -PrincipalId ${sp} -RoleDefinitionId ${PASSWORD_ROLE_IDS.userAdministrator} -DirectoryScopeId '/'`
}

/** {@link passwordFixes} as data: the scopes to request, the role to assign and its command. */
export function passwordActions(operation: PasswordOperation, inputs: FixInputs): FixActions {
  if (operation === 'change') return { scopes: [namedScope(inputs.cloud, 'User-PasswordProfile.ReadWrite.All')] }
  if (inputs.isAppOnly) {
    const sp = inputs.servicePrincipalId ?? '<service-principal-object-id>'
    return {
      scopes: [defaultScope(inputs.cloud)],
      powershell: [assignUserAdministrator(sp)],
      roleToAssign: { name: 'User Administrator', templateId: PASSWORD_ROLE_IDS.userAdministrator, assignee: 'app' },
    }
  }
  if (operation === 'reset') {
    return {
      scopes: [namedScope(inputs.cloud, 'UserAuthenticationMethod.ReadWrite.All')],
      roleToAssign: { name: 'Authentication Administrator', templateId: PASSWORD_ROLE_IDS.authenticationAdministrator, assignee: 'user' },
    }
  }
  return { scopes: [namedScope(inputs.cloud, 'User-PasswordProfile.ReadWrite.All')] }
}

function profileAppOnlyFixes(inputs: FixInputs): string[] {
  const sp = inputs.servicePrincipalId ?? '<service-principal-object-id>'
  return [
    `Add the application permission User-PasswordProfile.ReadWrite.All (Microsoft Graph) and grant admin consent; then request a new token with \`${defaultScope(inputs.cloud)}\`.`,
    `Assign the app's service principal (object id ${sp}, the oid of the app-only token) the User Administrator role: \`${assignUserAdministrator(sp)}\` (or Entra admin center > Roles and administrators > User Administrator > Add assignments).`,
    `If the target user holds an admin role, the app needs Privileged Authentication Administrator instead (role id ${PASSWORD_ROLE_IDS.privilegedAuthenticationAdministrator}); grant it only if you must.`,
    `Then PATCH https://${graphHost(inputs.cloud)}/v1.0/users/{id} with {"passwordProfile":{"password":"…","forceChangePasswordNextSignIn":true}}.`,
  ]
}

function profileDelegatedFixes(): string[] {
  return [
    'Request the delegated scope User-PasswordProfile.ReadWrite.All (admin consent required).',
    'The signed-in user needs a role that may reset passwords for this user: Helpdesk Administrator or Password Administrator (non-admin users), User Administrator, or Privileged Authentication Administrator (any user, admins included).',
  ]
}

function resetAppOnlyFixes(): string[] {
  return [
    'resetPassword (POST /users/{id}/authentication/methods/{id}/resetPassword) accepts delegated permissions only: call it with a signed-in admin (UserAuthenticationMethod.ReadWrite.All, role Authentication Administrator or Privileged Authentication Administrator), or, for a daemon, set the password with PATCH passwordProfile as below.',
  ]
}

function resetDelegatedFixes(): string[] {
  return [
    'Request the delegated scope UserAuthenticationMethod.ReadWrite.All (admin consent required).',
    `The signed-in user needs Authentication Administrator (role id ${PASSWORD_ROLE_IDS.authenticationAdministrator}) to reset non-admin users, or Privileged Authentication Administrator (role id ${PASSWORD_ROLE_IDS.privilegedAuthenticationAdministrator}) for any user.`,
  ]
}

function changeFixes(): string[] {
  return [
    'A user changes their own password with POST /me/changePassword {"currentPassword":"…","newPassword":"…"} and a delegated token of that user (User-PasswordProfile.ReadWrite.All, or Directory.AccessAsUser.All); it never works for another user or app-only.',
    'To set another user\'s password as an admin or an app, use PATCH /users/{id} with passwordProfile (User-PasswordProfile.ReadWrite.All plus User Administrator, or Privileged Authentication Administrator for admins), or the delegated resetPassword API.',
  ]
}

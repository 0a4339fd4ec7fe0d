/**
 * Graph PowerShell cmdlets whose verb is an action (`Send-`, `Set-MgUserLicense`, `Reset-`, `Revoke-`)
 * and whose call their noun does not spell: the calls as `Find-MgGraphCommand` lists them.
 */
export const cmdletActions: Readonly<Record<string, { readonly method: string; readonly path: string }>> = {
  'Send-MgUserMail': { method: 'POST', path: '/users/{id}/sendMail' },
  'Set-MgUserLicense': { method: 'POST', path: '/users/{id}/assignLicense' },
  'Set-MgUserManagerByRef': { method: 'PUT', path: '/users/{id}/manager/$ref' },
  'Reset-MgUserAuthenticationMethodPassword': { method: 'POST', path: '/users/{id}/authentication/methods/{id}/resetPassword' },
  'Revoke-MgUserSignInSession': { method: 'POST', path: '/users/{id}/revokeSignInSessions' },
}

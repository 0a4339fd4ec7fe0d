/**
 * Our one-line fixes for the sign-in side of AADSTS: Conditional Access and MFA, interactive
 * steps, and user or client credentials. Written by graph-doctor; not Microsoft's descriptions.
 */

/** Conditional Access, MFA, device and risk policies. */
export const conditionalAccessFixes: Readonly<Record<number, string>> = {
  50005: 'A Conditional Access policy does not allow this device platform: sign in from a platform the policy permits, or ask an admin to review the policy in the sign-in log.',
  50074: 'The user did not complete the MFA prompt: catch the interaction-required error, call acquireTokenInteractive (passing any claims challenge) and let the user finish MFA.',
  50076: 'MFA is now required (policy change or new location): catch the interaction-required error and sign in interactively with acquireTokenInteractive, passing the `claims` value from the error; silent or ROPC flows cannot satisfy MFA.',
  50078: 'The earlier MFA proof is too old: sign in interactively again so the user repeats MFA.',
  50079: 'The user must register for MFA: have them sign in interactively (or at https://aka.ms/mfasetup) and finish the security-info registration; a silent or ROPC flow cannot do it.',
  50097: 'The policy requires device authentication: sign in on a registered device through a broker (Authenticator, Company Portal, WAM) so the device identity is presented.',
  50129: 'The device must be workplace-joined (registered): register it in Entra ID (Settings > Accounts > Access work or school) and sign in again.',
  50131: 'Conditional Access denied the request (device state, suspicious activity or policy): open the sign-in log entry to see which policy failed and satisfy it or have an admin adjust it.',
  50155: 'Device authentication failed: re-register the device in Entra ID (dsregcmd /leave then join, or re-enroll) and sign in again.',
  50158: 'An external security challenge (custom control or external MFA provider) was not satisfied: complete it interactively, or have an admin check the provider configuration.',
  50177: 'Pass-through users cannot use external challenges here: have an admin exclude these users from the custom-control policy or switch them to Entra MFA.',
  50178: 'Session controls are not supported for pass-through users: have an admin remove the session control for these users or change their authentication method.',
  50187: 'Device information was not supplied: sign in through a broker or a supported browser so device authentication can run (for example enable the Windows Accounts extension in Chrome).',
  53000: 'Conditional Access requires a compliant device: enroll the device in Intune (Company Portal), make it compliant, and sign in through the broker; the app cannot work around this.',
  53001: 'Conditional Access requires a domain-joined (hybrid-joined) device: use a hybrid Entra-joined machine, or ask an admin to change the policy.',
  53002: 'Conditional Access allows only approved client apps: use an approved app (for example Outlook mobile) or ask an admin to add yours to the app protection policy.',
  53003: 'Conditional Access blocked this sign-in, and signing in again will not change that: only an admin can change the policy (find it in the sign-in log, Conditional Access tab, by the correlation id) or exclude this user or app; until then the user can only retry from a location, device or app the policy allows.',
  53004: 'MFA registration is blocked because of risky activity: an admin must remediate the user risk (Identity Protection) or the user must register from a trusted location.',
  53010: 'Security info may only be registered from a required location or device: register MFA methods from a compliant device or trusted network, or ask an admin.',
  53011: 'The user is blocked because of risk in their home tenant: the home tenant admin must investigate and remediate the risk.',
  530032: 'A tenant security policy blocked the request: check the tenant\'s security policies (Conditional Access, security defaults, authentication strengths) in the sign-in log and adjust them or meet them.',
  530034: 'A partner delegated admin was blocked for suspicious activity: the partner tenant admin must review and remediate the admin account\'s risk.',
  530035: 'Security defaults blocked the request (often legacy or ROPC authentication): use interactive modern authentication with MFA, or have an admin replace security defaults with Conditional Access.',
  70043: 'The refresh token is past the Conditional Access sign-in frequency: sign the user in interactively again; silent renewal will keep failing until they do.',
  50142: 'A Conditional Access policy requires a password change: the user changes the password in an interactive sign-in, then retries.',
  530003: 'Conditional Access requires a managed (Intune-enrolled or hybrid-joined) device: sign in from such a device, or enroll this one; a silent, device-code or ROPC flow from an unmanaged machine cannot satisfy it.',
}

/** Steps only the user can take in an interactive sign-in. */
export const userInteractionFixes: Readonly<Record<number, string>> = {
  16001: 'The chosen account was rejected: sign out, clear the browser session, and pick the right account (or pass a login_hint for it).',
  16002: 'The session the app asked for (sid) does not match: drop the sid or login_hint from the request and sign in interactively.',
  160021: 'The app asked for a user session that no longer exists: start an interactive sign-in instead of a silent one with a stale session hint.',
  50015: 'The user needs parental or legal-age consent before signing in: complete that consent, or an admin must set the user\'s age group and consent status.',
  50058: 'A silent sign-in found no usable session (prompt=none, iframe or third-party cookies blocked): fall back to an interactive sign-in.',
  50072: 'The user must register for MFA before continuing: complete the registration in an interactive sign-in.',
  50085: 'The refresh token needs a fresh social identity-provider sign-in: sign the user in interactively with that provider again.',
  50125: 'Sign-in was interrupted for password reset or security-info registration: let the user finish it in an interactive flow.',
  50127: 'A broker app is required: install Microsoft Authenticator or Company Portal on the device and sign in again.',
  50136: 'A single personal Microsoft account session was detected and redirected: continue the interactive sign-in with that account or choose another one.',
  50140: 'The "Stay signed in?" prompt interrupted sign-in: the user answers it; apps using prompt=none must retry interactively.',
  50168: 'Chrome did not send the Windows SSO token: install the Windows Accounts (or Microsoft Single Sign On) extension, or sign in interactively.',
  50197: 'The identities in the request conflict: sign out of every account and sign in again with a single account.',
  50199: 'Entra ID wants the user to confirm this sign-in (common with native or localhost redirects): let the user confirm in the interactive flow.',
  51006: 'The session lacks the required Windows authentication: sign in again with Integrated Windows Authentication or interactively.',
  70016: 'Device code flow: the user has not finished signing in yet; keep polling at the given interval until a token or a final error arrives.',
  70018: 'Device code flow: the user typed a wrong code; enter the code shown by the app exactly, or start a new device flow.',
  70019: 'Device code flow: the code expired before the user signed in; start a new device flow and sign in within its lifetime.',
  81012: 'The user signing in differs from the user signed in to the device: sign in with the device\'s account or sign in interactively with the other one.',
  90013: 'The user\'s input was not valid: have them correct what they typed and retry.',
  90119: 'Device code flow: the user code was empty; enter the code shown by the app.',
  90120: 'Device code flow: this code was already approved or declined; start a new device flow.',
  700020: 'The grant needs user interaction: call acquireTokenInteractive (or the equivalent) instead of a silent request.',
  1000000: 'The bind step requires the user to also sign in with the external identity provider: complete that sign-in.',
  1000002: 'The bind finished but the user must be told: continue the interactive flow past the confirmation page.',
}

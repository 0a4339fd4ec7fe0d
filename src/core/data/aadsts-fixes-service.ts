/**
 * Our one-line fixes for service-side, throttling and uncategorised codes. Written by graph-doctor;
 * not Microsoft's descriptions.
 */

/** Transient or service-side failures, including on-premises agents. */
export const serverFixes: Readonly<Record<number, string>> = {
  40008: 'The federated identity provider failed: check its health and logs; retrying will not help until it is fixed.',
  40010: 'The federated identity provider had a transient failure: retry after a short delay.',
  50000: 'The sign-in service failed to issue the token: retry with backoff; if it persists, open a support case with the correlation ID and timestamp.',
  50033: 'A transient error: retry with exponential backoff.',
  50086: 'The strong-authentication service failed and will not recover by retrying: sign in again, or try another MFA method.',
  50087: 'The strong-authentication service had a transient failure: retry the sign-in.',
  70012: 'The personal Microsoft account service failed: retry later; open a support case if it persists.',
  80001: 'The pass-through authentication agent cannot reach Active Directory: check the agent servers are in the users\' forest and can contact a domain controller.',
  80002: 'The password validation request to the agent timed out: check Active Directory and the authentication agents are available.',
  80005: 'The authentication agent returned something unexpected: retry; if it persists, check the agent logs or open a support case.',
  80007: 'The authentication agent could not validate the password. Check its logs and the health of Active Directory.',
  80010: 'The authentication agent could not decrypt the password. Reinstall or re-register the pass-through authentication agent.',
  80013: 'Time skew between the authentication agent and Active Directory: fix time synchronisation on the agent machine.',
  80014: 'The authentication agent answered too late: check agent and AD performance; open a support case with the correlation ID if it persists.',
  90006: 'An external service is temporarily unavailable: retry with backoff.',
  90012: 'The request timed out: retry with backoff.',
  90033: 'The directory service is unavailable: retry later with backoff.',
  90036: 'The directory service failed with an error that retrying will not fix: open a support case with the correlation ID and timestamp.',
  90085: 'The organisation is not fully provisioned yet: wait for provisioning to finish, then retry.',
  90090: 'A directory backend is temporarily unavailable: retry with backoff.',
  90091: 'A directory backend is unreachable: retry later.',
  90092: 'A directory backend failed permanently for this request: open a support case with the correlation ID if it persists.',
  120005: 'The password changed on-premises but the cloud update failed: wait for synchronisation, or try again later.',
  120008: 'The password change job stopped with an error that will not recover: start the password change again.',
  120011: 'The user could not be determined for the password change: enter the full user principal name.',
  120013: 'The on-premises directory could not be reached for the password change: check password writeback and Entra Connect health.',
  120020: 'The password change failed: try again; if it persists, have an admin reset the password.',
  120021: 'The partner password-reset service failed: retry later.',
}

/** Throttling and sign-in loops. */
export const throttlingFixes: Readonly<Record<number, string>> = {
  50088: 'The limit on phone-call or SMS MFA was reached: wait a few minutes, or use the Authenticator app.',
  50166: 'The external claims provider is throttling: retry later with backoff.',
  50196: 'The app requests the same token again and again: cache tokens (use MSAL\'s cache and acquireTokenSilent) and stop retrying on errors in a loop.',
  90024: 'The request budget was exceeded: retry after a pause with exponential backoff and make fewer token requests.',
  90055: 'The tenant is being throttled for too many requests: reduce token requests (cache tokens) and retry with backoff.',
}

/** Sign-out, pairwise identifiers, device registration and anything else. */
export const otherFixes: Readonly<Record<number, string>> = {
  50042: 'The salt needed for a pairwise identifier is missing: an admin must fix the app\'s claims configuration.',
  50043: 'More than one salt is configured for the pairwise identifier: an admin must keep only one in the app\'s claims configuration.',
  50061: 'The sign-out request is invalid: send a valid logout request (post_logout_redirect_uri registered, id_token_hint if used).',
  50068: 'The app that started sign-out is not part of the session: sign out from an app the user signed in to, or clear the session in the browser.',
  50070: 'The sign-out names a session that does not exist: the user is probably already signed out; treat it as done.',
  50071: 'The logout request expired: send a new one.',
  50134: 'Device flow: the approving user is in another data centre than the request: start a new device flow and complete it from the same region.',
  50138: 'The encryption key environment is invalid: retry; if it persists, open a support case with the correlation ID and timestamp.',
  51005: 'A temporary redirect: follow the Location header of the response (keep the method for a POST).',
  54000: 'The user is a minor blocked by the legal age group rule: a parent or admin must provide consent or change the user\'s age settings.',
  76026: 'The IssueInstant of the SAML request is too old: send a fresh request and check the app server\'s clock.',
  90007: 'The session ID cannot be parsed: drop the session parameter or pass a valid one.',
  90010: 'The requested algorithm is not supported: use a supported algorithm (RS256 for signatures, S256 for PKCE).',
  90123: 'The identity or claims provider denied the request: check that provider\'s configuration and logs.',
  165004: 'A runtime-specific error: read the full error message for the detail and look the code up on the page below.',
  230109: 'The backup authentication service accepts only traffic through the Entra gateway: call the normal login endpoint, not the backup service directly.',
  240001: 'The user may not register (join) devices: an admin must allow it (Devices > Device settings > Users may join devices) or register the device for them.',
  1000031: 'The application cannot be accessed at the moment (often disabled or blocked by the admin): contact the tenant admin.',
  50157: 'The sign-in must be redirected for routing: follow the redirect in the interactive flow (MSAL handles it); retry if it persists.',
}

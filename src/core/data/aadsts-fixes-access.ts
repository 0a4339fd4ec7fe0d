/**
 * Our one-line fixes for consent and tenant codes: who may use the app where, and with which
 * account type. Written by graph-doctor; not Microsoft's descriptions.
 */

/** Consent missing, declined or impossible. */
export const consentFixes: Readonly<Record<number, string>> = {
  52004: 'The user has not consented to LinkedIn access: let them sign in interactively and accept the LinkedIn consent, or stop requesting LinkedIn resources.',
  65001: 'Consent is missing for this app and scope in the tenant: sign in interactively so the user consents, or have an admin grant consent (Enterprise applications > Permissions > Grant admin consent, or the /adminconsent URL); never retry silently.',
  65002: 'The app reuses a Microsoft first-party app ID to call a Microsoft API: register your own application and use its client ID instead.',
  65004: 'The user clicked Cancel on the consent prompt: ask them to sign in again and accept, or have an admin grant tenant-wide consent so no prompt appears.',
  90008: 'The app has no permission to sign users in: add the delegated Microsoft Graph permission User.Read (or openid/profile) to the app registration and consent to it.',
  90093: 'Microsoft Graph refused the consent operation for this user: have an admin grant the consent, or check that the user may consent to apps (user consent settings).',
  90094: 'The requested permissions need admin consent: have a Global, Privileged Role or Cloud Application Administrator grant admin consent for the app, or request only scopes users may consent to.',
  90095: 'The user must ask an admin for consent (admin consent workflow): submit the request and wait for an admin to approve it, or have an admin grant consent directly.',
  90099: 'The app is not authorized in the customer tenant for partner delegated admins: pre-consent the app in the customer tenant (Partner Center application consent API) before delegated admins use it.',
  900941: 'Admin consent is required for what the app asks (not on Microsoft\'s reference page; sign-in logs show it for admin-consent-only permissions): have an admin grant consent for the app, or ask only for permissions users may consent to.',
  9002341: 'The user must allow single sign-on to this app on Windows: redirect them to an interactive sign-in so they can permit SSO, then retry.',
  50150: 'The credential carries no valid record of the user\'s consent: sign the user in interactively so they consent again, then retry.',
}

/** Wrong tenant, cloud or account type; user or app not in the tenant; cross-tenant policy. */
export const tenantFixes: Readonly<Record<number, string>> = {
  16000: 'The account does not exist in the tenant the app signed in to: sign in with an account of that tenant, invite the user as a guest, or use /common or /organizations for a multi-tenant app.',
  16003: 'The user is not in the resource tenant: invite them as a B2B guest (or add them) in that tenant, or sign in to their home tenant instead.',
  50002: 'Tenant restrictions on the network proxy block this tenant: sign in from another network, or have the proxy admin allow the tenant in Restrict-Access-To-Tenants.',
  50014: 'The guest has not redeemed the B2B invitation yet: have them open the invitation link and accept it, or have an admin resend it.',
  50020: 'The account is not a member or guest of the tenant the app targets (often a personal account or another organisation): invite it as a guest, sign in with a tenant account, or make the app multi-tenant and use /organizations or /common.',
  50034: 'The user name is not found in this tenant: check the spelling, sign in to the right tenant, or add the user (or invite them as a guest).',
  50059: 'Entra ID could not tell which tenant to use: call a tenant-specific authority (https://login.microsoftonline.com/<tenant-id>) or give a login_hint with the user\'s domain.',
  50128: 'The request names no usable tenant or domain: use a tenant-specific authority or a login_hint with a verified domain.',
  50143: 'The session belongs to another tenant than the domain hint: remove the domain_hint or sign in with an account of that domain.',
  51004: 'The user account is not in this directory: sign in to the user\'s own tenant, or invite the user as a guest in this one.',
  90002: 'The tenant in the authority URL is not found: check the tenant ID or domain and the cloud (global vs national cloud login host); an email domain is not a tenant unless it is verified.',
  90019: 'The tenant could not be determined: use a tenant-specific authority instead of /common, or give a login_hint.',
  90038: 'The tenant lives in a national cloud: sign in on that cloud\'s login host (for example login.microsoftonline.us or login.chinacloudapi.cn) and call its Graph endpoint.',
  90043: 'An authorization code was redirected across clouds: redeem it at the token endpoint of the same cloud that issued it.',
  90072: 'The external account is not in the tenant, so it cannot do that tenant\'s MFA: add the account as a guest (or fix the sourceAnchor / ImmutableID mismatch for synced users) and sign in again.',
  90084: 'Guest accounts may not sign in to this site: sign in with a member account of the tenant.',
  90125: 'The user name is not known: check that it was typed correctly.',
  90126: 'The tenant cannot be inferred from this user name on this endpoint: use a work account with a verified domain or a tenant-specific authority.',
  500011: 'The resource (API) has no service principal in this tenant: check the resource URI or scope for typos, call the right tenant, or have an admin add the API\'s service principal (for a third-party API: admin-consent to it).',
  500021: 'Tenant restrictions forbid access to this tenant: use a network without the restriction, or have the proxy admin add the tenant to the allowed list.',
  500022: 'Tenant restrictions (v2) forbid access to this tenant: sign in with an allowed tenant, or have the admin add this tenant to the tenant restrictions policy.',
  500200: 'A personal Microsoft account cannot sign in to this app: sign in with a work or school account, or set the app\'s supported account types to include personal accounts and use /common or /consumers.',
  500208: 'The account type does not fit the tenant (a personal Microsoft account on a work-only tenant): sign in with a work or school account of that tenant.',
  500212: 'Your own tenant\'s outbound cross-tenant access policy blocks the resource tenant: have your admin allow that tenant (External Identities > Cross-tenant access settings).',
  500213: 'The resource tenant\'s inbound cross-tenant access policy blocks your account: have the resource tenant admin allow your organisation or users.',
  650052: 'The tenant has no subscription to the service the app needs (the API\'s service principal is missing or disabled): subscribe to or enable the service, or remove that permission from the app.',
  700011: 'The client ID is not found in this tenant: check the client_id, the tenant in the authority, and the cloud; for a single-tenant app use its own tenant ID.',
  700016: 'The application ID is not registered in (or consented to by) this tenant: check client_id and the tenant ID in the authority; for another tenant, make the app multi-tenant and have that tenant admin consent to it.',
  1000104: 'The resource\'s cloud is not allowed for the identity tenant: use the same cloud for sign-in and resource, or have the admin enable cross-cloud B2B for it.',
  9002332: 'The app accepts only work or school (Entra) accounts: do not use the /consumers authority; sign in with a work account through /organizations or the tenant ID.',
  500014: 'The resource\'s service principal is disabled in this tenant (an admin disabled it, or a subscription lapsed): an admin must re-enable it (Enterprise applications > Properties > Enabled for users to sign in) or renew the subscription.',
  5000224: 'Microsoft blocked this tenant: only Microsoft support can review the block; the app cannot work around it.',
  500207: 'This kind of account (work, school or personal) cannot be used for the resource: sign in with the account type the resource supports.',
  50160: 'Entra ID prefers another target tenant for this sign-in: sign in to that tenant (tenant-specific authority) or use the account\'s home tenant.',
  7000229: 'The client app has no service principal in this tenant: create it (az ad sp create --id <app-id>, or an admin consents to the app), then request the token again.',
}

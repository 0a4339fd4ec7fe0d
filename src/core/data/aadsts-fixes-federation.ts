/**
 * Our one-line fixes for claims transformations, external identity providers and external
 * authentication controls. Written by graph-doctor; not Microsoft's descriptions.
 */

/** Claims transformations and claims mapping of an app. */
export const claimsMappingFixes: Readonly<Record<number, string>> = {
  50100: 'A claims transformation of the app failed: check the app\'s claims mapping (Single sign-on > Attributes & Claims, or its claims-mapping policy) for an input that is missing or has the wrong type.',
  50101: 'The claims mapping names a transformation Entra ID does not know: fix or remove that transformation in the app\'s claims-mapping policy.',
  50102: 'A custom claims transformer could not be loaded: fix or remove the custom transformation in the app\'s claims-mapping policy.',
  50103: 'A claims transformation failed while the token was built: read the message for the failing claim and fix its source attribute or transformation.',
  50108: 'The claims-transformation configuration could not be read: re-save the app\'s claims mapping (or its policy) and retry; open a support case if it persists.',
  50109: 'The configuration names a claims transformation that does not exist: fix the transformation ID in the app\'s claims-mapping policy.',
  50111: 'An unknown claims transformation was asked for: remove it from the app\'s claims mapping or use a supported transformation.',
  50123: 'The claims mapping names an unknown transformation method: use one of the supported methods (Join, ExtractMailPrefix, RegexReplace and the like).',
  50162: 'The claims transformations took too long: retry once; if it persists, simplify or reduce the transformations in the app\'s claims mapping.',
  50163: 'A regular-expression replacement produced a claim over the size limit: change the expression so the resulting claim stays short.',
}

/** External identity providers (OIDC, SAML, federation) and external authentication controls. */
export const externalProviderFixes: Readonly<Record<number, string>> = {
  399284: 'The external identity provider\'s ID token has an empty or wrong issuer: make the issuer in the provider\'s tokens match the issuer configured for the federation.',
  500141: 'The invitation was redeemed, but the request came from another app than the one that started it: start the sign-in again from the target application.',
  5001256: 'The external identity provider returned an invalid ID token: check its signing keys, issuer and audience, and the provider\'s configuration in Entra ID.',
  50159: 'The external provider (external MFA or custom control) did not send enough claims: fix the provider so it returns the claims Entra ID expects, or have an admin check its configuration.',
  50172: 'The external claims provider is not approved for the tenant: an admin must approve or configure it before it can be used.',
  50176: 'A Conditional Access policy refers to an external control that is not defined: have an admin define the custom control or remove it from the policy.',
  901011: 'The external OpenID Connect provider sent no email address (for example "Hide my email" was chosen): sign up again sharing the email address, or configure the user flow to collect it.',
  901012: 'The email address from the external OpenID Connect provider is not verified: verify it at the provider, or collect and verify it in the user flow.',
  901014: 'The external provider\'s ID token carries no user identifier: configure the provider to include its subject (or the mapped identifier claim) in the ID token.',
}

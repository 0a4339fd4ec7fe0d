/** MSAL code that requests the scopes a fix names: the copyable form of the fix's `scopes` action. */

/** JavaScript (MSAL.js / MSAL Node) that requests these scopes: client credentials for `/.default` on an app-only token. */
export function msalCode(scopes: readonly string[], appOnly: boolean): string[] {
  const list = scopes.map((scope) => JSON.stringify(scope)).join(', ')
  if (appOnly) {
    return ['// MSAL Node, confidential client (app-only): application permissions come with /.default', `const result = await cca.acquireTokenByClientCredential({ scopes: [${list}] });`]
  }
  return [
    '// MSAL.js: a new token with these scopes (the cached token will not gain them)',
    `const request = { scopes: [${list}], account };`,
    'const result = await pca.acquireTokenSilent(request).catch(() => pca.acquireTokenPopup(request));',
  ]
}

/**
 * The access token of a token response pasted whole: `{"access_token": "…"}` (the token endpoint,
 * MSAL) or `{"accessToken": "…"}` (`az account get-access-token`); undefined for anything else.
 */
export function tokenFromResponseJson(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined
  try {
    const json = JSON.parse(text) as Record<string, unknown>
    const value = json['access_token'] ?? json['accessToken']
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * The reason given for an input that matches no format, naming the command that would take it:
 * `graph-doctor token` for an access token, `graph-doctor aadsts -` for an AADSTS code. Never
 * quotes the input.
 */

const SUPPORTED = 'not a HAR, curl -v transcript, raw HTTP exchange, Graph or token-endpoint error body, MSAL error, PowerShell error record or Graph SDK error'
const JWT = /^(?:Authorization:\s*)?(?:Bearer\s+)?eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*$/i
const BARE_CODE = /^(?:AADSTS)?\d{4,9}$/i

/**
 * MSAL.js errors raised in the app itself, before any request reaches the token endpoint or Graph
 * (the codes asked about most in AzureAD/microsoft-authentication-library-for-js issues), with what to change.
 */
const MSAL_CLIENT_ERRORS: Readonly<Record<string, string>> = {
  interaction_in_progress: 'an interactive sign-in started while another was still running: await handleRedirectPromise() once at start-up before any loginRedirect/acquireTokenRedirect, and never start a second popup or redirect',
  no_account_error: 'acquireTokenSilent was called without an account: pass one from getAllAccounts() (or setActiveAccount() after sign-in), or sign in first',
  no_account_in_silent_request: 'acquireTokenSilent was called without an account: pass one from getAllAccounts() (or setActiveAccount() after sign-in), or sign in first',
  popup_window_error: 'the browser blocked the sign-in popup: open it from a click handler, or use the redirect flow',
  empty_window_error: 'the sign-in popup could not be opened: open it from a click handler, or use the redirect flow',
  user_cancelled: 'the user closed the sign-in window: offer the sign-in again',
  monitor_window_timeout: 'silent renewal in a hidden iframe timed out (third-party cookies blocked, or a redirect URI page that loads the app): fall back to an interactive call, and use a blank redirect page for silent requests',
}
const MSAL_CLIENT_ERROR = /\b(?:BrowserAuthError|ClientAuthError|InteractionRequiredAuthError|AuthError)\s?:\s?([a-z_]{3,40})\b/

/** The hint for an MSAL client error in the text, or undefined. */
function msalClientError(text: string): string | undefined {
  const code = MSAL_CLIENT_ERROR.exec(text.slice(0, 8192))?.[1]
  if (code === undefined || !Object.hasOwn(MSAL_CLIENT_ERRORS, code)) return undefined
  return `an MSAL client error (${code}) raised in the app before any request was sent, so there is no server response to diagnose: ${MSAL_CLIENT_ERRORS[code]}`
}

/** Errors raised before or without a Graph response the text shows, with how to get one worth diagnosing. */
const CLIENT_SIDE_ERRORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:DefaultAzureCredential|ChainedTokenCredential) failed to retrieve a token|\bCredentialUnavailableError\b/, 'Azure Identity found no usable credential in its chain, so no token was requested and Graph was never called: configure the one you mean (environment variables AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; a managed identity enabled on the Azure resource, with AZURE_CLIENT_ID for a user-assigned one; az login on a developer machine), or construct that credential directly instead of DefaultAzureCredential so its own error shows'],
  [/Response status code does not indicate success: \d{3}/, 'a .NET HttpClient status check (EnsureSuccessStatusCode) that dropped Graph\'s answer: read the body before it (`var body = await response.Content.ReadAsStringAsync();`) and give graph-doctor that body with the request (or a capture)'],
  [/\bNo account or login hint was passed to the AcquireTokenSilent call\b|\bErrorCode: user_null\b/, 'MSAL.NET found no account for AcquireTokenSilent (MsalUiRequiredException, user_null), so no token was requested and Graph was never called: pass an account (`(await app.GetAccountsAsync()).FirstOrDefault()`) or a login hint, and when AcquireTokenSilent throws MsalUiRequiredException call AcquireTokenInteractive; a web app or service keeps its accounts only with a persistent token cache, and a daemon uses AcquireTokenForClient instead'],
  [/\bA window handle must be configured\b/, 'the Windows sign-in broker (WAM) could not open its window from this terminal (an elevated, remote or embedded console), so nobody signed in and Graph was never called: run `Set-MgGraphOption -DisableLoginByWAM $true` and then Connect-MgGraph again (a browser window opens), or sign in with `Connect-MgGraph -UseDeviceCode`; an MSAL.NET app using the broker must give it the parent window (`.WithParentActivityOrWindow(…)`)'],
  [/\berror status code received from the API\b/, 'the Go SDK\'s error without its details: print them (`var odataErr *odataerrors.ODataError; if errors.As(err, &odataErr) { e := odataErr.GetErrorEscaped(); fmt.Println(odataErr.ResponseStatusCode, *e.GetCode(), *e.GetMessage()) }`) and give graph-doctor that output'],
]

/** The hint for an error raised without a diagnosable response, or undefined. */
export function clientSideError(text: string): string | undefined {
  const head = text.slice(0, 16_384)
  return CLIENT_SIDE_ERRORS.find(([pattern]) => pattern.test(head))?.[1]
}

/**
 * @example
 * unsupported('eyJ0eXAi.eyJhdWQi.sig') // 'an access token: use graph-doctor token FILE (or -) to decode it'
 */
export function unsupported(text: string): string {
  const trimmed = text.trim()
  if (JWT.test(trimmed)) return 'an access token: use graph-doctor token FILE (or -) to decode it'
  if (BARE_CODE.test(trimmed)) return 'an AADSTS code: use graph-doctor aadsts (or aadsts - to read it from stdin)'
  const msal = msalClientError(trimmed)
  if (msal !== undefined) return msal
  const clientSide = clientSideError(trimmed)
  if (clientSide !== undefined) return clientSide
  return `${SUPPORTED} (an access token goes to graph-doctor token, an AADSTS code to graph-doctor aadsts -)`
}

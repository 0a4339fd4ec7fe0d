import type { GraphCmdlet } from './powershell/cmdlet.js'
import type { PrincipalClaims } from './token/principal.js'

/** HTTP headers in the order they were seen; a name may repeat (several WWW-Authenticate, say). */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>

export interface HttpRequest {
  readonly method: string
  readonly url: string
  readonly headers: HeaderList
  readonly body?: string
  /**
   * The input shows the method and URL but not the request headers (a pasted SDK or PowerShell
   * error): a missing Authorization header then says nothing about the token.
   */
  readonly headersOmitted?: true
  /**
   * Not in the input: what graph-doctor took the call from, e.g. the Graph PowerShell cmdlet the input
   * names (`Get-MgUser_List` → `GET /users`, `src/core/powershell/`) or `the SDK stack trace`.
   */
  readonly inferredFrom?: string
}

export interface HttpResponse {
  readonly status: number
  readonly statusText?: string
  readonly headers: HeaderList
  readonly body?: string
}

/** Where an exchange came from, as the input parser recognised it. */
export type InputFormat =
  | 'har'
  | 'curl'
  | 'raw-http'
  | 'token-error'
  | 'msal-error'
  | 'flags'
  | 'batch'
  /** A bare Graph error body `{"error":{"code","message"}}` pasted on its own: no request. */
  | 'graph-error'
  /** A Microsoft Graph PowerShell error record or `Invoke-MgGraphRequest` output. */
  | 'powershell-error'
  /** A Graph SDK exception print-out (.NET `ODataError`/`ServiceException`, JS `GraphError`, Python, Java). */
  | 'sdk-error'
  /** A sign-in error text naming an AADSTS code (MSAL .NET/JS/Python, Azure CLI). */
  | 'msal-text'
  /** Seen as it happened: by the `proxy` command or an in-process integration (fetch, SDK middleware). */
  | 'live'
  /** A Microsoft Graph activity-log record (or a group of them): the call and its caller's claims, no headers or bodies. */
  | 'activity-log'

/**
 * One request and its response, as read from any supported input. A bare token-endpoint error body
 * or MSAL error has no `request`; its `response.body` holds the token-endpoint error JSON.
 */
export interface Exchange {
  /** Human label of the origin, e.g. `capture.har entry 3` or `stdin`. */
  readonly source: string
  readonly format: InputFormat
  readonly request?: HttpRequest
  readonly response?: HttpResponse
  /** ISO time the exchange started (HAR `startedDateTime`), used when no `Date` header exists. */
  readonly startedAt?: string
  /** Set for a sub-request unpacked from a JSON `$batch`. */
  readonly batch?: { readonly source: string; readonly requestId: string }
  /** Why this entry of a multi-entry input could not be read: becomes an `input-unreadable` finding. */
  readonly unreadable?: string
  /**
   * The caller's claims as a log recorded them, standing in for the bearer token (the request then
   * has `headersOmitted`: the log shows no headers).
   */
  readonly principal?: PrincipalClaims
  /** A Graph PowerShell cmdlet the input names when it shows no request (a cmdlet's error record). */
  readonly cmdlet?: GraphCmdlet
  /**
   * The tool that sent the call, when a pasted text shows it and it changes the fix: `az rest` (Azure
   * CLI's own app and token, the URL only in `--debug` output), a Logic Apps or Power Automate HTTP action
   * (the token added by the action's authentication setting), Graph Explorer (its own app, consent on its
   * Modify permissions tab, the call in its query bar, not in the response pane).
   */
  readonly via?: 'azure-cli' | 'logic-apps' | 'graph-explorer'
  /**
   * How to get the call a pasted text does not show, as one fix step naming what the text does say: the SDK
   * request its stack trace went through, the line of the caller's code that made it, the tool that sent it
   * (`Invoke-PnPGraphMethod`). Set by the pasted-text parsers (`src/core/input/pasted/unseen-call.ts`).
   */
  readonly unseenCall?: string
}

/** The first value of a header, case-insensitively, or undefined. */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of headers) if (key.toLowerCase() === wanted) return value
  return undefined
}

/** Every value of a header, case-insensitively, in order. */
export function getHeaders(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase()
  return headers.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value)
}

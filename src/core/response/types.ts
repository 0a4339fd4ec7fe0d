/** A Graph (OData) error body: `{"error":{"code","message","innerError":{…}}}`. */
export interface GraphErrorBody {
  readonly code: string
  readonly message: string
  readonly requestId?: string
  readonly clientRequestId?: string
  readonly date?: string
  /** Inner error codes, outermost first (`innerError.code`, nested). */
  readonly innerCodes: readonly string[]
  /**
   * How the body was written when it is not a plain OData error: an OAuth `error`/`error_description`
   * pair, or an HTML or plain-text page (a front door, proxy or gateway answered). Absent for OData.
   */
  readonly form?: 'oauth' | 'html' | 'text'
  /** Set when `code` and `message` were read from inside `error.message` (JSON or an ExtensionError wrapper). */
  readonly unwrapped?: {
    readonly via: readonly ('json-message' | 'extension-error')[]
    readonly outerCode: string
    readonly outerMessage: string
  }
}

/** One challenge of a WWW-Authenticate header; parameter names are lower-cased. */
export interface AuthChallenge {
  readonly scheme: string
  readonly params: Readonly<Record<string, string>>
}

/** A decoded claims challenge (`claims=` of an insufficient_claims challenge, or token-endpoint `claims`). */
export interface ClaimsRequest {
  /** The JSON text of the claims request, exactly as MSAL must receive it. */
  readonly json: string
  readonly parsed?: unknown
}

/** A token-endpoint (AADSTS) error body, or an MSAL error converted to one. */
export interface TokenEndpointError {
  readonly error: string
  readonly description?: string
  /** AADSTS codes from `error_codes`, else from `AADSTSnnnn` in the text. */
  readonly codes: readonly number[]
  readonly suberror?: string
  /** Plain JSON string here, not base64. */
  readonly claims?: string
  readonly correlationId?: string
  readonly traceId?: string
  readonly timestamp?: string
}

/**
 * A message in which the service names the permissions it accepts: the Teams-style "API requires one
 * of '…'. Scopes/Roles on the request '…'", Intune's "must have one of the following scopes: …" and
 * similar forms.
 */
export interface RequiredPermissionsMessage {
  /** `scopes`: delegated; `roles`: application; `unknown`: the message does not say. */
  readonly kind: 'scopes' | 'roles' | 'unknown'
  /** As the service listed them. */
  readonly required: readonly string[]
  /** The permissions the service saw on the request, when it says. */
  readonly present: readonly string[]
}

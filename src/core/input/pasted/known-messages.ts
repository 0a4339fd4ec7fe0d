/**
 * Graph error messages that identify their code and status on their own. Some SDK print-outs (the
 * .NET SDK v5 `ODataError: <message>`, PowerShell's one-line errors) show only the message, so the
 * code and status are inferred from it. Messages as quoted in ../shared/reference/errors-and-tokens.md §2.3.
 */

interface KnownMessage {
  readonly pattern: RegExp
  readonly code: string
  readonly status: number
}

const KNOWN_MESSAGES: readonly KnownMessage[] = [
  { pattern: /^Insufficient privileges to complete the operation/i, code: 'Authorization_RequestDenied', status: 403 },
  { pattern: /^Access token is empty/i, code: 'InvalidAuthenticationToken', status: 401 },
  { pattern: /^Access token has expired or is not yet valid/i, code: 'InvalidAuthenticationToken', status: 401 },
  { pattern: /^Lifetime validation failed/i, code: 'InvalidAuthenticationToken', status: 401 },
  { pattern: /^CompactToken (?:parsing|validation) failed/i, code: 'InvalidAuthenticationToken', status: 401 },
  { pattern: /^Access token validation failure/i, code: 'InvalidAuthenticationToken', status: 401 },
  { pattern: /^Continuous access evaluation resulted in (?:claims )?challenge/i, code: 'InvalidAuthenticationToken', status: 401 },
  { pattern: /^Exception of type 'Microsoft\.Graph\.AGS\.Contracts\.ClaimsChallengeRequiredException'/i, code: 'InvalidAuthenticationToken', status: 401 },
  { pattern: /^The identity of the calling application could not be established/i, code: 'Authorization_IdentityNotFound', status: 401 },
  { pattern: /^\/me request is only valid with delegated authentication flow/i, code: 'BadRequest', status: 400 },
  { pattern: /^Either scp or roles claim need to be present in the token/i, code: 'AccessDenied', status: 403 },
  { pattern: /^Access is denied\. Check credentials and try again/i, code: 'ErrorAccessDenied', status: 403 },
  { pattern: /^Access denied\.?$/i, code: 'accessDenied', status: 403 },
  // IdentityModel's words when the bearer value is no JWT at all (an opaque or truncated token, a code or secret).
  { pattern: /^IDX1(?:4100|4120|2709|2741)\b/i, code: 'InvalidAuthenticationToken', status: 401 },
  // Intune's words (inside a JSON string in the body, alone in an SDK print-out); Azure AD-backed APIs' scope check.
  { pattern: /^Application is not authorized to perform this operation/i, code: 'Forbidden', status: 403 },
  { pattern: /^You cannot perform the requested operation, required scopes are missing in the token/i, code: 'AccessDenied', status: 403 },
  { pattern: /^REST API is not yet supported for this mailbox/i, code: 'MailboxNotEnabledForRESTAPI', status: 404 },
  { pattern: /^The mailbox is either inactive, soft-deleted, or is hosted on-premise/i, code: 'MailboxNotEnabledForRESTAPI', status: 404 },
]

/**
 * The code and status a well-known Graph error message stands for, or undefined.
 *
 * @example
 * knownMessage('Insufficient privileges to complete the operation.') // { code: 'Authorization_RequestDenied', status: 403 }
 */
export function knownMessage(message: string): { readonly code: string; readonly status: number } | undefined {
  const trimmed = message.trim()
  const found = KNOWN_MESSAGES.find((known) => known.pattern.test(trimmed))
  return found === undefined ? undefined : { code: found.code, status: found.status }
}

/** A known message after a tool's own words: at a line's start or after `: ` (`panic: …`, `Forbidden (403): …`). */
const MESSAGE_START = /(?:^|:\s)\s*(?=[A-Z/])/g

/**
 * The first well-known Graph message in a line, from where it starts to the line's end, with its code
 * and status; undefined when the line has none.
 *
 * @example
 * knownMessageIn('panic: Insufficient privileges to complete the operation.')?.code // 'Authorization_RequestDenied'
 */
export function knownMessageIn(line: string): { readonly message: string; readonly code: string; readonly status: number } | undefined {
  MESSAGE_START.lastIndex = 0
  let tries = 0
  for (let match = MESSAGE_START.exec(line); match !== null && tries < 16; match = MESSAGE_START.exec(line), tries++) {
    const rest = line.slice(match.index + match[0].length).trim()
    const known = knownMessage(rest)
    if (known !== undefined) return { message: withoutPhpPlace(rest), ...known }
    if (match[0] === '') MESSAGE_START.lastIndex++
  }
  return undefined
}

/** PHP's `Uncaught X: <message> in /var/www/…/File.php:519`: the place is PHP's, not Graph's words (scanned by hand). */
function withoutPhpPlace(message: string): string {
  const at = message.lastIndexOf(' in ')
  if (at < 0) return message
  return /^ in \S{1,500}\.php:\d{1,7}$/.test(message.slice(at)) ? message.slice(0, at) : message
}

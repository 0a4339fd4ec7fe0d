/**
 * The reason given for an input that matches no format, naming the command that would take it:
 * `graph-doctor token` for an access token, `graph-doctor aadsts -` for an AADSTS code. Never
 * quotes the input.
 */

const SUPPORTED = 'not a HAR, curl -v transcript, raw HTTP exchange, Graph or token-endpoint error body, MSAL error, PowerShell error record or Graph SDK error'
const JWT = /^(?:Authorization:\s*)?(?:Bearer\s+)?eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*$/i
const BARE_CODE = /^(?:AADSTS)?\d{4,9}$/i

/**
 * @example
 * unsupported('eyJ0eXAi.eyJhdWQi.sig') // 'an access token: use graph-doctor token FILE (or -) to decode it'
 */
export function unsupported(text: string): string {
  const trimmed = text.trim()
  if (JWT.test(trimmed)) return 'an access token: use graph-doctor token FILE (or -) to decode it'
  if (BARE_CODE.test(trimmed)) return 'an AADSTS code: use graph-doctor aadsts (or aadsts - to read it from stdin)'
  return `${SUPPORTED} (an access token goes to graph-doctor token, an AADSTS code to graph-doctor aadsts -)`
}

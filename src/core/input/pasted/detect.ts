/**
 * Recognise pasted error texts: a Microsoft Graph PowerShell error record, a Graph SDK exception
 * print-out, or a sign-in error naming an AADSTS code (MSAL, Azure CLI). Line-based and anchored.
 */
import type { InputFormat } from '../../exchange.js'
import { splitLines } from '../text.js'
import { findErrorObject } from './embedded.js'
import { isCmdletName } from '../../powershell/cmdlet.js'
import { knownMessageIn } from './known-messages.js'
import { hasAadstsCode, redirectError } from './msal-text.js'

/** The pasted formats. */
export type PastedFormat = Extract<InputFormat, 'powershell-error' | 'sdk-error' | 'msal-text'>

/** `Type: message`, after .NET's "Unhandled exception." or Java's `Exception in thread "main"`. */
const TYPE_NAME = /^\s*(?:Unhandled exception\.\s+|Exception in thread "[^"\r\n]{0,100}"\s+)?([A-Za-z_$][\w.$-]{0,200})\s?:/
const SDK_TYPE = /(?:ODataError|ServiceException|GraphError|GraphServiceException|ApiException|APIError)$/
const POWERSHELL_STATUS = /^\s*Status:\s*\d{3}\s*\(/
const POWERSHELL_MARKER = /Microsoft\.Graph\.PowerShell|^\s*ErrorCode:\s*\S/
const SDK_CODE = /^\s*(?:Code|Error code):\s*[A-Za-z]/
const SDK_MESSAGE = /^\s*(?:Message|Error message):\s*\S/
const PYTHON_MAIN_ERROR = /\bMainError\(/
/** .NET's message for an exception without one: `Exception of type 'Microsoft.Graph.Models.ODataErrors.ODataError' was thrown.` */
const DOTNET_TYPE_ONLY = /Exception of type '[\w.]{0,200}(?:ODataError|ServiceException)' was thrown/
/**
 * An HTTP client's own words around a Graph error: Python `requests` (`401 Client Error: Unauthorized for
 * url: https://…`), PHP Guzzle (`Client error: \`GET https://…\` resulted in a \`400 Bad Request\` response`).
 */
const HTTP_CLIENT_ERRORS: readonly RegExp[] = [
  /\bCall to Microsoft Graph URL https:\/\/\S{1,2000} failed with status code/,
  /\bThe remote server returned an error: \(\d{3}\)/,
  /\bResponse status code does not indicate success: \d{3}/,
  /\bAxiosError: Request failed with status code \d{3}/,
  /\b(?:Client|Server) Error: [A-Za-z ]{1,40} for url: https:\/\//,
  /(?:Client|Server) error: `[A-Z]{3,7} https:\/\/[^`\s]{1,2000}` resulted in a `\d{3}/,
  /(?:Client|Server) error '\d{3}[A-Za-z ]{0,40}' for url 'https:\/\//,
]
/** A Graph error object as Node's `console.log` prints it: `{ error: { code: 'Authorization_RequestDenied', message: '…' } }`. */
const JS_INSPECTED_ERROR = /\berror:\s\{\s?code:\s'[A-Za-z][\w.]{0,80}',\s?message:\s'/
/** A Graph error body cut off by the tool that printed it (Guzzle shortens bodies to 120 characters). */
const CUT_GRAPH_BODY = /\{\s*"error"\s*:\s*\{\s*"code"\s*:\s*"[A-Za-z][\w.]{0,80}"/
/** `Invoke-MgGraphRequest: GET https://…` followed by a raw HTTP response. */
export const INVOKE_REQUEST = /^\s*Invoke-MgGraphRequest\s?:\s*(?=(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s)/i

/**
 * The pasted format of a text, or undefined. A text naming an AADSTS code is a sign-in error even
 * when PowerShell or an SDK printed it, unless it also holds a Graph error body.
 *
 * @example
 * sniffPasted('Get-MgUser_List: Insufficient privileges to complete the operation.') // 'powershell-error'
 */
export function sniffPasted(text: string): PastedFormat | undefined {
  const lines = splitLines(text).slice(0, 300).map((line) => line.slice(0, 4000))
  const embedded = findErrorObject(text)?.json
  const hasGraphBody = embedded !== undefined && typeof embedded['error'] === 'object'
  if (redirectError(text) !== undefined) return 'msal-text'
  if (!hasGraphBody && (hasAadstsCode(text) || typeof embedded?.['error'] === 'string')) return 'msal-text'
  if (lines.some((line) => INVOKE_REQUEST.test(line))) return 'powershell-error'
  const types = lines.map((line) => TYPE_NAME.exec(line)?.[1]).filter((type): type is string => type !== undefined)
  const isPowerShell = types.some(isCmdletName) || (lines.some((line) => POWERSHELL_STATUS.test(line)) && lines.some((line) => POWERSHELL_MARKER.test(line)))
  if (isPowerShell) return 'powershell-error'
  const isSdk = types.some((type) => SDK_TYPE.test(type)) || (lines.some((line) => SDK_CODE.test(line)) && lines.some((line) => SDK_MESSAGE.test(line))) || lines.some((line) => PYTHON_MAIN_ERROR.test(line) || DOTNET_TYPE_ONLY.test(line))
  // Any other tool's words around a Graph error body (`Invoke-RestMethod :`, `az rest` `ERROR: Forbidden(…)`,
  // a log line, "Error 403"), or an HTTP client's error line: read like an SDK print-out.
  // A body cut off inside another tool's words counts; a paste that is itself broken JSON stays "not valid JSON".
  const isCutInside = !text.trimStart().startsWith('{') && lines.some((line) => CUT_GRAPH_BODY.test(line))
  const isWrapped = hasGraphBody || isCutInside || lines.some((line) => HTTP_CLIENT_ERRORS.some((pattern) => pattern.test(line)) || JS_INSPECTED_ERROR.test(line) || knownMessageIn(line) !== undefined)
  return isSdk || isWrapped ? 'sdk-error' : undefined
}

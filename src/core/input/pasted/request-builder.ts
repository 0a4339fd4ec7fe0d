/**
 * The call behind a Graph SDK (Kiota) stack trace. Every Kiota SDK generates one request builder per
 * API path and names it after the path, so the first request builder frame names the call:
 * - .NET: `at Microsoft.Graph[.Beta].Users.Item.Messages.MessagesRequestBuilder.GetAsync(…)`
 * - Java: `at com.microsoft.graph[.beta].users.item.messages.MessagesRequestBuilder.get(…)`
 * - Python: `File ".../msgraph[_beta]/generated/users/item/messages/messages_request_builder.py", line 62, in get`
 * - PHP: `Microsoft\Graph[\Beta]\Generated\Users\Item\Messages\MessagesRequestBuilder->get()`
 * - Go: `msgraph-sdk-go/users.(*ItemMessagesRequestBuilder).Get(…)`, whose flat type name the catalogue
 *   has to split into segments (see `goBuilderCmdlet`).
 * `item` is the id segment; `count`, `ref` and a `value` read by a `ContentRequestBuilder` are `$count`,
 * `$ref` and `$value`.
 */
import type { GraphCmdlet } from '../../powershell/cmdlet.js'

/** A call named by a stack trace: its method and URL, and which SDK's frame named it. */
export interface BuilderCall {
  readonly method: string
  readonly url: string
  readonly sdk: '.NET' | 'Java' | 'Python' | 'PHP'
}

const DOTNET_FRAME = /\bat Microsoft\.Graph\.(Beta\.)?((?:[A-Z][A-Za-z0-9]{0,80}\.){1,20})([A-Z][A-Za-z0-9]{0,80})RequestBuilder\.(Get|Post|Patch|Put|Delete)Async\b/
const JAVA_FRAME = /\bat com\.microsoft\.graph\.(beta\.)?((?:[a-z][a-z0-9]{0,80}\.){1,20})([A-Z][A-Za-z0-9]{0,80})RequestBuilder\.(get|post|patch|put|delete)\(/
const PYTHON_FRAME = /msgraph(_beta)?[\\/]generated[\\/]((?:[a-z0-9_]{1,80}[\\/]){1,20})([a-z0-9_]{1,80})_request_builder\.py", line \d{1,7}, in (get|post|patch|put|delete)\b/
/** PHP: `#1 …/UsersRequestBuilder.php(75): …` is the builder's own file; `Microsoft\Graph\Generated\Users\UsersRequestBuilder->get()` its call. */
const PHP_FRAME = /\bMicrosoft\\Graph\\(Beta\\)?Generated\\((?:[A-Z][A-Za-z0-9]{0,80}\\){1,20})([A-Z][A-Za-z0-9]{0,80})RequestBuilder->(get|post|patch|put|delete)\(/
const GO_FRAME = /msgraph-(beta-)?sdk-go(?:@v[\w.+-]{1,40})?\/([a-z]{1,40})\.\(\*([A-Z][A-Za-z0-9]{0,200})RequestBuilder\)\.(Get|Post|Patch|Put|Delete)\(/
/** Namespaces and packages of request builders that are not API paths. */
const NOT_A_PATH = new Set(['models', 'core', 'kiota', 'requests', 'authentication', 'serviceclient'])

/**
 * The method and URL a .NET, Java or Python SDK stack trace names, or undefined.
 *
 * @example
 * requestBuilderCall('at com.microsoft.graph.users.UsersRequestBuilder.get(UsersRequestBuilder.java:101)')?.url
 * // 'https://graph.microsoft.com/v1.0/users'
 */
export function requestBuilderCall(text: string): BuilderCall | undefined {
  const head = text.slice(0, 64_000)
  const dotnet = DOTNET_FRAME.exec(head)
  if (dotnet !== null) return callOf('.NET', dotnet[1], (dotnet[2] ?? '').split('.'), dotnet[3], dotnet[4], lowerFirst)
  const java = JAVA_FRAME.exec(head)
  if (java !== null) return callOf('Java', java[1], (java[2] ?? '').split('.'), java[3], java[4], (segment) => segment)
  const python = PYTHON_FRAME.exec(head)
  if (python !== null) return callOf('Python', python[1], (python[2] ?? '').split(/[\\/]/), python[3], python[4], camelFromSnake)
  const php = PHP_FRAME.exec(head)
  if (php !== null) return callOf('PHP', php[1], (php[2] ?? '').split('\\'), php[3], php[4], lowerFirst)
  return undefined
}

function callOf(sdk: BuilderCall['sdk'], beta: string | undefined, packages: readonly string[], builder: string | undefined, verb: string | undefined, spell: (segment: string) => string): BuilderCall | undefined {
  const names = packages.filter((segment) => segment !== '')
  const first = names[0]
  if (first === undefined || NOT_A_PATH.has(first.toLowerCase())) return undefined
  const isContent = /^content$/i.test(builder ?? '')
  const path = names.map((segment, index) => segmentOf(segment, spell, isContent && index === names.length - 1)).join('/')
  return { method: (verb ?? 'get').toUpperCase(), url: `https://graph.microsoft.com/${beta === undefined ? 'v1.0' : 'beta'}/${path}`, sdk }
}

function segmentOf(segment: string, spell: (segment: string) => string, isContentValue: boolean): string {
  const lower = segment.toLowerCase()
  if (lower === 'item') return '{id}'
  if (lower === 'count') return '$count'
  if (lower === 'ref') return '$ref'
  if (lower === 'value' && isContentValue) return '$value'
  return spell(segment)
}

const lowerFirst = (segment: string): string => `${segment.charAt(0).toLowerCase()}${segment.slice(1)}`
const camelFromSnake = (segment: string): string => segment.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())

/**
 * A Go SDK frame as a cmdlet-like noun the catalogue resolves (`withCmdletRequest`): the Go SDK flattens
 * the path below its package into one type name (`ItemMailFoldersItemMessagesRequestBuilder` in `users`),
 * so only the catalogue can tell `MailFolders` (one segment) from `AuthenticationMethods` (two). The
 * words `Item` (an id) are left out, as the catalogue's walk places ids itself; a trailing `<Name>Item`
 * is one item of the collection before it.
 */
export function goBuilderCmdlet(text: string): GraphCmdlet | undefined {
  const match = GO_FRAME.exec(text.slice(0, 64_000))
  if (match === null) return undefined
  const [, beta, pkg = '', type = '', verb = 'Get'] = match
  const collection = `${pkg.charAt(0).toUpperCase()}${pkg.slice(1)}`
  const below = type === collection ? '' : type
  const isItem = below.endsWith('Item')
  const words = isItem ? withoutItemName(collection + below.slice(0, -'Item'.length)) : collection + below
  const noun = words.replace(/Item(?=[A-Z]|$)/g, '')
  const method = verb.toUpperCase()
  const apiVersion = beta === undefined ? 'v1.0' : 'beta'
  const label = `the Go SDK stack trace (${pkg}.${type}RequestBuilder.${verb})`
  return { name: label, verb: 'Get', noun, apiVersion, method, parameterSet: isItem ? 'Get' : 'List', label }
}

/** `UsersUser` → `Users`, `UsersItemMailFoldersMailFolder` → `UsersItemMailFolders`: an item's own name, the singular of the collection before it, dropped. */
function withoutItemName(words: string): string {
  for (let at = 1; at < words.length; at++) {
    if (!/[A-Z]/.test(words.charAt(at))) continue
    const name = words.slice(at)
    const before = words.slice(0, at)
    const plurals = [`${name}s`, `${name}es`, name.endsWith('y') ? `${name.slice(0, -1)}ies` : undefined, name === 'Child' ? 'Children' : undefined]
    if (plurals.some((plural) => plural !== undefined && before.endsWith(plural))) return before
  }
  return words
}

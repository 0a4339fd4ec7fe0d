/**
 * The call named by a line of code pasted with an SDK error whose print-out has no URL (the JavaScript
 * SDK's GraphError, Kiota's ODataError in every language): `client.api('/users/x/messages').get()`
 * (msgraph-sdk-javascript), or a request builder chain: `graph_client.users.by_user_id(x).mail_folders.get()`
 * (Python), `graphClient.users.byUserId(x).mailFolders.get()` (TypeScript), `graphClient.Users["x"].MailFolders.GetAsync()`
 * (.NET), `graphClient.Users["x"].Messages.Request().AddAsync(m)` (.NET SDK v4), `graphClient.users().byUserId(x).mailFolders().get()`
 * (Java). Scanned by hand, line by line.
 */

import { urlLiteralCall, withoutTemplateHoles } from './url-call.js'

/** A call a code line names: its method and URL, and which form named it. */
export interface CodeCall {
  readonly method: string
  readonly url: string
  readonly from: string
}

const API_PATH = /\.api\(\s*['"`]([^'"`\s]{1,500})['"`]/
const CLIENT = /graph|client/i
const VERBS: Readonly<Record<string, string>> = { get: 'GET', add: 'POST', post: 'POST', patch: 'PATCH', update: 'PATCH', put: 'PUT', delete: 'DELETE', del: 'DELETE' }
const GRAPH = 'https://graph.microsoft.com'

/**
 * @example
 * codeCall("const r = await client.api('/me/messages').get()")?.url // 'https://graph.microsoft.com/v1.0/me/messages'
 */
export function codeCall(text: string): CodeCall | undefined {
  const beta = /msgraph[_-]beta|Graph\.Beta\b|graph\.beta\b/.test(text.slice(0, 64_000))
  for (const line of text.slice(0, 64_000).split('\n', 2_000)) {
    const call = apiCall(line) ?? builderChain(line, beta) ?? urlLiteralCall(line)
    if (call !== undefined) return call
  }
  return undefined
}

function apiCall(line: string): CodeCall | undefined {
  const match = API_PATH.exec(line)
  if (match === null) return undefined
  const path = withoutTemplateHoles(match[1] ?? '')
  const rest = line.slice(match.index + match[0].length)
  const version = /\.version\(\s*['"`]beta['"`]/.test(rest) ? 'beta' : 'v1.0'
  const url = /^https:\/\//i.test(path) ? path : `${GRAPH}/${version}${path.startsWith('/') ? '' : '/'}${path}`
  return { method: lastVerb(rest) ?? 'GET', url, from: 'the client.api(…) call in the pasted code' }
}

/** The last `.get(` / `.post(` … on the rest of the line. */
function lastVerb(rest: string): string | undefined {
  let found: string | undefined
  for (const part of rest.split('.').slice(1)) {
    const name = /^\s*([A-Za-z]{1,10})\s*\(/.exec(part)?.[1]?.toLowerCase()
    if (name !== undefined && VERBS[name] !== undefined) found = VERBS[name]
  }
  return found
}

interface ChainLink {
  readonly name: string
  /** `(…)`, `[…]` or nothing after the name. */
  readonly after: '' | '()' | '(args)' | '[]'
  /** The text between the brackets. */
  readonly arg: string
}

function builderChain(line: string, beta: boolean): CodeCall | undefined {
  for (let at = line.search(CLIENT); at >= 0 && at < line.length; ) {
    const start = identifierStart(line, at)
    const links = isChainStart(line, start) ? readChain(line, identifierEnd(line, start)) : undefined
    const call = links === undefined ? undefined : chainCall(line.slice(start, identifierEnd(line, start)), links, beta)
    if (call !== undefined) return call
    const next = line.slice(at + 1).search(CLIENT)
    at = next < 0 ? -1 : at + 1 + next
  }
  return undefined
}

/** A variable, `self.x` or `this.x`: not a name inside a namespace (`Microsoft.Graph.Me…` in a .NET frame). */
function isChainStart(line: string, start: number): boolean {
  if (line.charAt(start - 1) !== '.') return true
  return /(?:^|[^\w.])(?:self|this)$/.test(line.slice(Math.max(0, start - 6), start - 1))
}

function chainCall(client: string, links: readonly ChainLink[], beta: boolean): CodeCall | undefined {
  const last = links[links.length - 1]
  const verb = last === undefined || last.after === '' || last.after === '[]' ? undefined : VERBS[last.name.toLowerCase().replace(/_?async$/, '')]
  if (!CLIENT.test(client) || verb === undefined || links.length < 2) return undefined
  const segments: string[] = []
  for (const link of links.slice(0, -1)) {
    // .NET SDK v4: `.Users["x"].Request().Filter("…").UpdateAsync(user)`: the path ends at Request(), query options follow.
    if (link.name === 'Request' && link.after !== '[]') break
    if (/^by[A-Za-z0-9_]{0,80}id$/i.test(link.name)) segments.push(idOf(link.arg))
    else if (link.after === '(args)' || /RequestBuilder$|Async$/.test(link.name)) return undefined
    else segments.push(spelled(link.name))
    if (link.after === '[]') segments.push(idOf(link.arg))
  }
  const path = segments.join('/')
  return { method: verb, url: `${GRAPH}/${beta ? 'beta' : 'v1.0'}/${path}`, from: 'the request builder chain in the pasted code' }
}

/** A quoted literal id as written (`'adele@contoso.example'`), else `{id}`. */
function idOf(arg: string): string {
  const literal = /^\s*(?:'([^'"\s/?#]{1,200})'|"([^'"\s/?#]{1,200})")\s*$/.exec(arg)
  return literal?.[1] ?? literal?.[2] ?? '{id}'
}

function spelled(name: string): string {
  const camel = name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
  const lower = `${camel.charAt(0).toLowerCase()}${camel.slice(1)}`
  // `.Ref` (Kiota), `.References` / `.Reference` (.NET SDK v4).
  return lower === 'count' ? '$count' : lower === 'ref' || lower === 'references' || lower === 'reference' ? '$ref' : lower
}

/** `.name`, `.name(…)`, `.name[…]` links after an identifier; undefined when none follows. */
function readChain(line: string, from: number): ChainLink[] | undefined {
  const links: ChainLink[] = []
  let at = from
  while (line.charAt(at) === '.' && links.length < 40) {
    const end = identifierEnd(line, at + 1)
    if (end === at + 1) break
    const name = line.slice(at + 1, end)
    const open = line.charAt(end)
    const close = open === '(' ? line.indexOf(')', end) : open === '[' ? line.indexOf(']', end) : -1
    if ((open === '(' || open === '[') && close < 0) break
    const after: ChainLink['after'] = open === '[' ? '[]' : open === '(' ? (close === end + 1 ? '()' : '(args)') : ''
    links.push({ name, after, arg: close >= 0 ? line.slice(end + 1, close) : '' })
    at = close >= 0 ? close + 1 : end
  }
  return links.length === 0 ? undefined : links
}

const isIdentifierChar = (char: string): boolean => /^[A-Za-z0-9_]$/.test(char)

function identifierStart(line: string, at: number): number {
  let start = at
  while (start > 0 && isIdentifierChar(line.charAt(start - 1))) start--
  return start
}

function identifierEnd(line: string, at: number): number {
  let end = at
  while (end < line.length && isIdentifierChar(line.charAt(end))) end++
  return end
}

/**
 * The call of a code line that sends a Graph URL literal itself: `fetch(\`https://graph.microsoft.com/v1.0/users/${id}\`,
 * { method: 'PATCH' })`, `axios.post('https://graph…')`, `requests.get("https://graph…")`,
 * `await http.GetAsync("https://graph…")`. The function's name gives the method (`fetch` its `method:` option, else GET).
 */
import type { CodeCall } from './code-call.js'

/** `name(` then a quoted Graph URL: the name, the URL. */
const URL_CALL = /\b([A-Za-z_][A-Za-z0-9_]{0,40})\(\s*['"`](https:\/\/graph\.microsoft\.com\/(?:v1\.0|beta)\/[^'"`\s]{0,2000})['"`]/
const FETCH_METHOD = /\bmethod:\s*['"]([A-Za-z]{3,7})['"]/
const NAMED_METHODS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', patch: 'PATCH', put: 'PUT', delete: 'DELETE' }

/**
 * @example
 * urlLiteralCall("await fetch('https://graph.microsoft.com/v1.0/me/messages')")?.method // 'GET'
 */
export function urlLiteralCall(line: string): CodeCall | undefined {
  const match = URL_CALL.exec(line)
  if (match === null) return undefined
  const name = (match[1] ?? '').toLowerCase().replace(/async$/, '')
  const url = withoutTemplateHoles(match[2] ?? '')
  if (name === 'fetch') {
    const method = FETCH_METHOD.exec(line.slice(match.index))?.[1]?.toUpperCase() ?? 'GET'
    return { method, url, from: 'the fetch(…) call in the pasted code' }
  }
  const method = NAMED_METHODS[name]
  return method === undefined ? undefined : { method, url, from: 'the HTTP call in the pasted code' }
}

/** `/users/${userId}/messages` → `/users/{id}/messages` (scanned by hand). */
export function withoutTemplateHoles(path: string): string {
  let out = ''
  let at = 0
  for (let open = path.indexOf('${'); open >= 0; open = path.indexOf('${', at)) {
    const close = path.indexOf('}', open)
    if (close < 0) break
    out += `${path.slice(at, open)}{id}`
    at = close + 1
  }
  return out + path.slice(at)
}

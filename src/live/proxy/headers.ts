/**
 * Header handling of the proxy per RFC 9110 §7.6.1: hop-by-hop fields (Connection, the fields it
 * names, Keep-Alive, Proxy-Connection, TE, Transfer-Encoding, Upgrade, Trailer) are dropped in both
 * directions; `Host` is left out so that the upstream connection sets its own; `Expect` is answered
 * by the proxy itself (Node sends `100 Continue`) and not forwarded.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'

const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'transfer-encoding', 'upgrade', 'trailer', 'proxy-authorization', 'proxy-authenticate',
])
const REQUEST_ONLY_DROPPED: ReadonlySet<string> = new Set(['host', 'expect', 'http2-settings'])

function connectionListed(value: string | string[] | undefined): ReadonlySet<string> {
  if (value === undefined) return new Set()
  const text = Array.isArray(value) ? value.join(',') : value
  return new Set(text.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))
}

/**
 * The end-to-end fields of a header list given as Node's raw `[name, value, name, value…]` array,
 * names kept as the client spelled them; repeated fields stay repeated.
 */
export function endToEndRawHeaders(raw: readonly string[], isRequest: boolean): string[] {
  let listed: ReadonlySet<string> | undefined
  const kept: string[] = []
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? ''
    const lower = name.toLowerCase()
    if (lower === 'connection') listed = connectionListed(`${listed === undefined ? '' : [...listed].join(',')},${raw[index + 1] ?? ''}`)
  }
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? ''
    const lower = name.toLowerCase()
    if (HOP_BY_HOP.has(lower) || listed?.has(lower) === true || (isRequest && REQUEST_ONLY_DROPPED.has(lower))) continue
    kept.push(name, raw[index + 1] ?? '')
  }
  return kept
}

/** The end-to-end fields of a response's header record (lower-case names, arrays for repeats). */
export function endToEndResponseHeaders(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): OutgoingHttpHeaders {
  const listed = connectionListed(headers['connection'])
  const kept: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue
    kept[name] = value
  }
  return kept
}

/** A header record as the core's header list, repeated fields as repeated entries. */
export function toHeaderList(headers: Record<string, string | string[] | number | undefined>): Array<[string, string]> {
  const list: Array<[string, string]> = []
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) list.push([name, item])
    else list.push([name, String(value)])
  }
  return list
}

/** A raw `[name, value…]` array as the core's header list. */
export function rawToHeaderList(raw: readonly string[]): Array<[string, string]> {
  const list: Array<[string, string]> = []
  for (let index = 0; index + 1 < raw.length; index += 2) list.push([raw[index] ?? '', raw[index + 1] ?? ''])
  return list
}

/**
 * The host and path of a plain URL as `new URL` gives them (`hostname` in lower case, `pathname`),
 * without building a URL object: a capture's calls are tens of thousands of distinct URLs of one
 * shape (`https://graph.microsoft.com/v1.0/users/<id>?$select=id`), and parsing each cost a few
 * microseconds. Anything `new URL` might rewrite is left to it: user-info, a port, a host that is
 * an IP address or punycode, dot segments (also `%2e`), characters it percent-encodes or drops,
 * backslashes, malformed escapes. `test/core/url-parts.test.ts` holds it equal to `new URL`.
 */

/** Host characters taken as they are (lower-cased): letters, digits, `.` and `-`. */
function isHostCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d
}

const PATH_CHAR = new Uint8Array(128)
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/") PATH_CHAR[char.charCodeAt(0)] = 1

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66)
}

/** `{ host, path }` of an `http://` or `https://` URL that `new URL` would leave as it is, else undefined. */
export function plainUrlParts(url: string): { host: string; path: string } | undefined {
  const start = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : -1
  if (start < 0) return undefined
  let i = start
  let labelStart = start
  while (i < url.length) {
    const code = url.charCodeAt(i)
    if (code === 0x2f || code === 0x3f || code === 0x23) break
    if (!isHostCode(code)) return undefined
    if (code === 0x2e) {
      if (i === labelStart) return undefined
      labelStart = i + 1
    }
    i++
  }
  // An empty host or label, a last label that starts with a digit (an IPv4 address), punycode: new URL decides.
  if (i === start || labelStart === i || isDigit(url.charCodeAt(labelStart))) return undefined
  const host = url.slice(start, i).toLowerCase()
  if (host.includes('xn--')) return undefined
  if (i === url.length || url.charCodeAt(i) !== 0x2f) return { host, path: '/' }
  const pathStart = i
  for (; i < url.length; i++) {
    const code = url.charCodeAt(i)
    if (code === 0x3f || code === 0x23) break
    if (code === 0x25) {
      if (!isHex(url.charCodeAt(i + 1)) || !isHex(url.charCodeAt(i + 2)) || (url.charCodeAt(i + 1) === 0x32 && (url.charCodeAt(i + 2) | 0x20) === 0x65)) return undefined
    } else if (code >= 128 || PATH_CHAR[code] !== 1) {
      return undefined
    } else if (code === 0x2e && url.charCodeAt(i - 1) === 0x2f && isDotSegment(url, i)) {
      return undefined
    }
  }
  return { host, path: url.slice(pathStart, i) }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/** `.` or `..` as a whole segment at `i` (after a `/`). */
function isDotSegment(url: string, i: number): boolean {
  const after = url.charCodeAt(i + 1) === 0x2e ? i + 2 : i + 1
  const next = url.charCodeAt(after)
  return after >= url.length || next === 0x2f || next === 0x3f || next === 0x23
}

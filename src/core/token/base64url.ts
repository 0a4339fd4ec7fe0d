const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/

/** True when `text` uses only the base64url alphabet (no padding, no `+` or `/`). */
export function isBase64Url(text: string): boolean {
  return BASE64URL_PATTERN.test(text)
}

/**
 * Decodes base64url (padding optional; `+`, `/` and `=` of standard base64 are tolerated) to UTF-8 text
 * with atob and TextDecoder only, so it also runs in a browser. Returns `undefined` for text that is not base64 or
 * not valid UTF-8.
 *
 * @example
 * decodeBase64UrlText('eyJhIjoxfQ') // '{"a":1}'
 */
export function decodeBase64UrlText(text: string): string | undefined {
  const stripped = text.replace(/=+$/, '')
  if (!/^[A-Za-z0-9_\-+/]*$/.test(stripped) || stripped.length % 4 === 1) return undefined
  const standard = stripped.replace(/-/g, '+').replace(/_/g, '/')
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4)
  try {
    const binary = atob(padded)
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

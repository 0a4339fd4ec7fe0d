/**
 * src/core/url-parts.ts gives what `new URL` gives (lower-cased hostname, pathname) whenever it
 * answers: over the catalogue's templates with realistic ids and over generated URLs with every
 * character `new URL` rewrites; and it answers for a capture's ordinary Graph calls.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { plainUrlParts } from '../../src/core/url-parts.js'
import { loadSnapshotCatalogue } from '../helpers/catalogue.js'

function parsed(url: string): { host: string; path: string } | undefined {
  try {
    const { hostname, pathname } = new URL(url)
    return { host: hostname.toLowerCase(), path: pathname }
  } catch {
    return undefined
  }
}

function assertSame(url: string): boolean {
  const fast = plainUrlParts(url)
  if (fast !== undefined) assert.deepEqual(fast, parsed(url), url)
  return fast !== undefined
}

const IDS = ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'AAMkAGI2TG93AAA=', 'adele@contoso.example', "'x'", '19:abc@thread.v2', 'root:', '01BYE5RZ6QN3Z', '%7Bid%7D', 'a%2Fb']

test('the catalogue\'s templates with realistic ids: the same host and path as new URL, and most answered', () => {
  const paths = loadSnapshotCatalogue().templatePaths?.() ?? []
  assert.ok(paths.length > 1000)
  let answered = 0
  let total = 0
  for (const [k, segments] of paths.entries()) {
    const id = IDS[k % IDS.length] ?? 'x'
    const path = segments.map((segment) => (segment === '\u0000' ? id : segment)).join('/')
    for (const url of [`https://graph.microsoft.com/v1.0/${path}`, `https://graph.microsoft.com/beta/${path}?$select=id&$top=5`, `https://GRAPH.microsoft.com/v1.0/${path}#x`]) {
      total++
      if (assertSame(url)) answered++
    }
  }
  assert.ok(answered > total * 0.9, `${answered} of ${total}`)
})

const piece = fc.oneof(
  fc.constantFrom('https://', 'http://', 'HTTPS://', 'graph.microsoft.com', 'GRAPH.Microsoft.COM', '127.0.0.1', '1.2.3', 'host.0x1f', 'xn--bcher-kva.example', 'a..b', '.', '..', '/', '/.', '/..', '/./', '/../',
    '%2e', '%2E', '.%2e', '%2e.', '%', '%4', '%41', '%zz', '?', '#', '@', ':', ':443', 'user:pw@', '\\', ' ', '\t', '\n', '"', '<', '>', '`', '{', '}', '|', '^', "'", 'é', '\u0000', '$batch', '%24batch', '~', ';', '=', '&'),
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/),
  fc.string({ maxLength: 3 }),
)

test('generated URLs: whenever it answers, the same as new URL', () => {
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('https://', 'http://', ''), (pieces, scheme) => {
    assertSame(scheme + pieces.join(''))
  }), { numRuns: 30_000 })
})

test('a capture\'s ordinary calls are answered; what new URL rewrites is not', () => {
  for (const url of ['https://graph.microsoft.com/v1.0/me', 'https://graph.microsoft.com/v1.0/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/messages?$top=10', 'https://graph.microsoft.com',
    'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/oauth2/v2.0/token', "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'a')", 'https://graph.microsoft.com/v1.0/me/drive/root:/a.txt:/content'])
    assert.equal(assertSame(url), true, url)
  for (const url of ['https://graph.microsoft.com:443/v1.0/me', 'https://a@graph.microsoft.com/', 'https://1.2.3.4/x', 'https://graph.microsoft.com/v1.0/../me', 'https://graph.microsoft.com/v1.0/%2e%2e/me',
    'https://graph.microsoft.com/v1.0/a b', 'https://graph.microsoft.com/v1.0/a\\b', 'https://xn--bcher-kva.example/', 'https://graph.microsoft.com/v1.0/é', 'ftp://host/x'])
    assert.equal(plainUrlParts(url), undefined, url)
})

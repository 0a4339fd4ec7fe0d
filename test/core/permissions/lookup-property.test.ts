/**
 * The in-place lookup (the URL scanned into the shared buffer, segments hashed and compared inside the
 * URL) against the plain one (the URL lower-cased and split into segment strings by `requestSegments`),
 * on generated spellings of every template's URL: hosts of every cloud or none, version and literal
 * segments in any case, `%`-encoded letters, ids of every shape (some spelled like a literal), `/me`
 * and `/users/{id}` swapped, trailing slashes, queries and fragments.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ModelCatalogue } from '../../../src/core/permissions/catalogue.js'
import { methodBit } from '../../../src/core/permissions/model.js'
import { requestSegments } from '../../../src/core/permissions/match/request-path.js'
import { scanRequest } from '../../../src/core/permissions/match/request-scan.js'
import { scannedSegments } from '../../../src/core/permissions/match/scanned.js'
import type { EndpointPermissions } from '../../../src/core/permissions/types.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'
import { allRequests } from './sample-requests.js'

const SEED = 20261202
const HOSTS = ['', 'https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn', 'graph.microsoft.com', 'HTTPS://Graph.Microsoft.COM']
const VERSIONS = ['/v1.0', '/beta', '/V1.0', '/Beta']
const TAILS = ['', '/', '?$top=1', '/?$select=id,displayName', '#section', '?a=b#c/d']
const ID = fc.oneof(
  fc.uuid(),
  fc.constantFrom('adele.vance@contoso.onmicrosoft.com', "o'brien@contoso.com", 'AAMkAGI2TG93AAA=', 'AAMk%3D%3D', '1700000000001', 'a%40b.com'),
  fc.constantFrom('messages', 'delta', 'me', 'users', 'microsoft.graph.user', '$value', 'Default.x'),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/),
)

/** The plain path of the catalogue: the URL split into normalised strings, then the same trie and answers. */
interface PlainPath {
  matchSegments(method: string, accept: number, segments: string[]): EndpointPermissions | undefined
}

/** `segment` with its letters cased by `mask` (bit i for letter i), one of them `%`-encoded when `encode` is set. */
function respelled(segment: string, mask: number, encode: boolean): string {
  let out = ''
  let encoded = !encode
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i] as string
    const isLetter = /[a-z]/i.test(char)
    if (isLetter && !encoded && ((mask >> (i % 30)) & 1) === 1) {
      out += `%${char.charCodeAt(0).toString(16).toUpperCase()}`
      encoded = true
    } else out += isLetter && ((mask >> (i % 30)) & 1) === 1 ? char.toUpperCase() : char.toLowerCase()
  }
  return out
}

const spelling = fc.record({
  pair: fc.nat(),
  host: fc.constantFrom(...HOSTS),
  version: fc.constantFrom(...VERSIONS),
  tail: fc.constantFrom(...TAILS),
  masks: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  encode: fc.boolean(),
  swapOwner: fc.boolean(),
  ids: fc.array(ID, { minLength: 6, maxLength: 6 }),
})

describe('lookup: the in-place scan agrees with the plain path', () => {
  const catalogue = loadSnapshotCatalogue()
  assert.ok(catalogue instanceof ModelCatalogue)
  const plain = catalogue as unknown as PlainPath
  const requests = allRequests()

  it('on generated spellings of every template: same segments, same answer', () => {
    fc.assert(
      fc.property(spelling, ({ pair, host, version, tail, masks, encode, swapOwner, ids }) => {
        const { method, template } = requests[pair % requests.length] as (typeof requests)[number]
        let path = template.replace(/\?.*$/, '')
        if (swapOwner) path = path.startsWith('/me/') ? path.replace('/me/', '/users/{id}/') : path.replace(/^\/users\/\{[^}]*\}\//, '/me/')
        let id = 0
        let segment = 0
        path = path.replace(/\{[^}]*\}|[A-Za-z][A-Za-z.]*/g, (part) =>
          part.startsWith('{') ? (ids[id++ % ids.length] as string) : respelled(part, masks[segment++ % masks.length] as number, encode && segment === 1),
        )
        const url = `${host}${version}${path}${tail}`
        const segments = requestSegments(url)
        assert.ok(scanRequest(url), url)
        assert.deepEqual(scannedSegments(), segments, url)
        assert.deepEqual(catalogue.lookup(method, url), plain.matchSegments(method, methodBit(method), segments) ?? undefined, url)
      }),
      { seed: SEED, numRuns: 2_000 },
    )
  })
})

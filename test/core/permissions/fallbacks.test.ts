import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fallbackAttempts } from '../../../src/core/permissions/match/fallbacks.js'
import { requestSegments } from '../../../src/core/permissions/match/request-path.js'
import { PARAM } from '../../../src/core/permissions/match/segments.js'
import type { MatchFallback } from '../../../src/core/permissions/types.js'
import { loadSnapshotCatalogue } from '../../helpers/catalogue.js'

const catalogue = loadSnapshotCatalogue()

/** The template (lower-cased, `{…}` as `{id}`) and fallback a request resolves to. */
function resolve(method: string, url: string): { template: string; fallback: MatchFallback } | undefined {
  const endpoint = catalogue.lookup(method, url)
  if (endpoint === undefined) return undefined
  return { template: endpoint.template.toLowerCase().replace(/\{[^}]*\}/g, '{id}'), fallback: endpoint.fallback }
}

const ROOT_NOTE = /drive root/i

describe('drive root addressed as a driveItem', () => {
  const cases: readonly (readonly [string, string, string, MatchFallback])[] = [
    ['GET', '/sites/x/drive/root/children', '/sites/{id}/drive/items/{id}/children', 'drive-root-item'],
    ['GET', 'https://graph.microsoft.com/v1.0/drives/b!x-Yz_12==/root/children', '/drives/{id}/items/{id}/children', 'drive-root-item'],
    ['GET', '/groups/g/drive/root/children', '/groups/{id}/drive/items/{id}/children', 'drive-root-item'],
    ['GET', '/sites/contoso.sharepoint.com:/sites/hr:/drive/root/children', '/sites/{id}/drive/items/{id}/children', 'drive-root-item'],
    ['GET', '/drives/d/root', '/drives/{id}/items/{id}', 'drive-root-item'],
    ['PUT', '/drives/d/root:/a/b.txt:/content', '/drives/{id}/items/{id}/content', 'drive-root-item'],
    ['GET', '/groups/g/drive/root:/Shared%20Documents/a.docx:/content', '/groups/{id}/drive/items/{id}/content', 'drive-root-item'],
  ]
  for (const [method, url, template, fallback] of cases) {
    it(`${method} ${url} resolves to ${template}`, () => {
      assert.deepEqual(resolve(method, url), { template, fallback })
    })
  }

  it('says in a note that root was read as items/{id}', () => {
    const endpoint = catalogue.lookup('GET', '/drives/d/root/children')
    assert.ok(endpoint?.notes.some((note) => ROOT_NOTE.test(note) && note.includes('items/{id}')), JSON.stringify(endpoint?.notes))
  })

  it('answers the drive root with the least privileged file permission', () => {
    const endpoint = catalogue.lookup('GET', '/sites/x/drive/root/children')
    assert.equal(endpoint?.schemes.DelegatedWork?.leastPrivileged, 'Files.Read')
    assert.equal(endpoint?.schemes.Application?.leastPrivileged, 'Files.Read.All')
  })

  it('keeps direct matches of the data\'s own root templates', () => {
    assert.deepEqual(resolve('GET', '/me/drive/root/children'), { template: '/me/drive/root/children', fallback: 'none' })
    assert.deepEqual(resolve('GET', '/users/u/drive/root:/a/b.txt:/content'), { template: '/users/{id}/drive/root:/{id}:/content', fallback: 'none' })
    assert.deepEqual(resolve('GET', '/drives/d/root/delta'), { template: '/drives/{id}/root/delta', fallback: 'none' })
    assert.deepEqual(resolve('GET', '/sites/x/drive/root:/Shared%20Documents/a.docx'), { template: '/sites/{id}/drive/root:/{id}', fallback: 'none' })
  })

  it('keeps /me delegated-only when the root rewrite goes through /users/{id}', () => {
    const endpoint = catalogue.lookup('PATCH', '/me/drive/root:/a.txt:')
    assert.ok(endpoint !== undefined)
    assert.equal(endpoint.schemes.Application, undefined)
    assert.ok(endpoint.notes.some((note) => ROOT_NOTE.test(note)))
  })
})

describe('fallbackAttempts', () => {
  it('rewrites root (with or without an item path) to items/{id}, after every older rewrite', () => {
    const attempts = [...fallbackAttempts(requestSegments('/drives/d/root:/a/b.txt:/children'))]
    const rooted = attempts.filter((attempt) => attempt.fallback === 'drive-root-item')
    assert.deepEqual(rooted[0]?.segments, ['drives', 'd', 'items', PARAM, 'children'])
    const firstRoot = attempts.findIndex((attempt) => attempt.fallback === 'drive-root-item')
    assert.ok(attempts.slice(firstRoot).every((attempt) => attempt.segments.includes('items')))
  })

  it('leaves a root segment alone outside a drive', () => {
    const attempts = [...fallbackAttempts(requestSegments('/groups/g/sites/root/lists'))]
    assert.ok(attempts.every((attempt) => attempt.fallback !== 'drive-root-item'))
  })
})

import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { loadCatalogueIndex } from '../../../src/core/permissions/index.js'
import type { EndpointPermissions } from '../../../src/core/permissions/types.js'
import { SNAPSHOT_DIR } from '../../helpers/catalogue.js'
import { allRequests } from './sample-requests.js'

function freshCatalogue() {
  return loadCatalogueIndex(readFileSync(`${SNAPSHOT_DIR}catalogue-index`))
}

/** Every pair's URL, and a `/me` spelling of the `/users/{id}` ones (the `/me` answers are resolved apart). */
function requests(): { method: string; url: string }[] {
  const list: { method: string; url: string }[] = []
  for (const { method, url } of allRequests()) {
    list.push({ method, url })
    const me = url.replace(/\/users\/[^/?]+/, '/me')
    if (me !== url) list.push({ method, url: me })
  }
  return list
}

describe('endpoint answers (resolution shared by grant list)', () => {
  it('gives every request the same answer whatever was looked up before it', () => {
    const list = requests()
    const forward = freshCatalogue()
    const answers: (EndpointPermissions | undefined)[] = list.map(({ method, url }) => forward.lookup(method, url))
    const backward = freshCatalogue()
    let compared = 0
    for (let i = list.length - 1; i >= 0; i--) {
      const { method, url } = list[i] as { method: string; url: string }
      assert.deepEqual(backward.lookup(method, url), answers[i], `${method} ${url}`)
      compared++
    }
    assert.ok(compared > 11_000, `${compared} requests compared`)
    assert.ok(answers.filter((answer) => answer?.notes.some((note) => note.startsWith('Application:') || note.includes('/me'))).length > 0, 'some answers carry /me notes')
  })

  it('answers endpoints that share a grant list alike, each with its own template and method', () => {
    const catalogue = freshCatalogue()
    const first = catalogue.lookup('GET', 'https://graph.microsoft.com/v1.0/me/messages')
    const again = catalogue.lookup('GET', 'https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messages')
    assert.equal(first?.template.toLowerCase(), '/me/messages')
    assert.equal(again?.template.toLowerCase(), '/me/mailfolders/{id}/messages')
    assert.deepEqual(first?.schemes, again?.schemes)
    assert.ok(Object.isFrozen(first) && Object.isFrozen(again))
  })
})

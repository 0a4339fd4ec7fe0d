import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { diagnose } from '../../../src/core/diagnose.js'
import { parseInput } from '../../../src/core/input/index.js'

const PNP = '31359c7f-bd7e-475c-86db-fdb8c937548e'
const OTHER = '0b0b0b0b-1111-4222-8333-444444444444'

function findingsOf(text: string): readonly { id: string; detail: string; fix: readonly string[]; actions?: unknown }[] {
  return diagnose(parseInput(text, 'pasted.txt')).results[0]?.findings ?? []
}

describe('a sign-in with a client app that no longer exists', () => {
  it('AADSTS65001 for the deleted PnP Management Shell: register your own app, no consent to a deleted app', () => {
    const [finding] = findingsOf(`Connect-PnPOnline: AADSTS65001: The user or administrator has not consented to use the application with ID '${PNP}' named 'PnP Management Shell'. Send an interactive authorization request for this user and resource.`)
    assert.equal(finding?.id, 'consent-missing')
    assert.match(finding?.detail ?? '', /deleted on 9 September 2024/)
    assert.match(finding?.fix[0] ?? '', /Register-PnPEntraIDAppForInteractiveLogin/)
    assert.match(finding?.fix[1] ?? '', /Connect-PnPOnline .*-ClientId <your app id>/)
    assert.ok(!finding?.fix.some((step) => /adminconsent|grants consent once/.test(step)), 'no consent to a deleted app')
    assert.equal(finding?.actions, undefined)
  })

  it('AADSTS700016 for it gets the same steps', () => {
    const [finding] = findingsOf(`AADSTS700016: Application with identifier '${PNP}' was not found in the directory 'Contoso'.`)
    assert.equal(finding?.id, 'token-request-failed')
    assert.match(finding?.detail ?? '', /PnP Management Shell/)
    assert.match(finding?.fix[0] ?? '', /Register-PnPEntraIDAppForInteractiveLogin/)
  })

  it('another app keeps the consent steps (near miss)', () => {
    const [consent] = findingsOf(`AADSTS65001: The user or administrator has not consented to use the application with ID '${OTHER}' named 'Contoso Tool'.`)
    assert.equal(consent?.id, 'consent-missing')
    assert.doesNotMatch(consent?.detail ?? '', /PnP/)
    assert.ok(consent?.fix.some((step) => step.includes(`adminconsent?client_id=${OTHER}`)))
    const [missing] = findingsOf(`AADSTS700016: Application with identifier '${OTHER}' was not found in the directory 'Contoso'.`)
    assert.ok(missing?.fix.some((step) => step.startsWith('AADSTS700016:')))
  })
})

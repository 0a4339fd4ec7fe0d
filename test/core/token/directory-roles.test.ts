import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { directoryRoleName, findDirectoryRoleId, isBuiltInRoleId } from '../../../src/core/token/index.js'

describe('directory role names', () => {
  const known: Array<[string, string]> = [
    ['62e90394-69f5-4237-9190-012177145e10', 'Global Administrator'],
    ['7be44c8a-adaf-4e2a-84d6-ab2649e08a13', 'Privileged Authentication Administrator'],
    ['c4e39bd9-1100-46d3-8c65-fb160da0071f', 'Authentication Administrator'],
    ['fe930be7-5e62-47db-91af-98c3a49a38b1', 'User Administrator'],
    ['729827e3-9c14-49f7-bb1b-9608f156bbb8', 'Helpdesk Administrator'],
    ['966707d0-3269-4727-9be2-8c3a10f19b9d', 'Password Administrator'],
    ['e8611ab8-c189-46e8-94e1-60213ab1f814', 'Privileged Role Administrator'],
    ['f2ef992c-3afb-46b9-b7cf-a126ee74c451', 'Global Reader'],
    ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 'Application Administrator'],
    ['158c047a-c907-4556-b7ef-446551a6b5f7', 'Cloud Application Administrator'],
    ['b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', 'Conditional Access Administrator'],
    ['194ae4cb-b126-40b2-bd5b-6091b380977d', 'Security Administrator'],
    ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b', 'Directory Readers'],
    ['9360feb5-f418-4baa-8175-e2a00bac4301', 'Directory Writers'],
    ['29232cdf-9323-42fd-ade2-1d097af3e4de', 'Exchange Administrator'],
    ['f28a1f50-f6e7-4571-818b-6a12f2af6b6c', 'SharePoint Administrator'],
    ['69091246-20e8-4a56-aa4d-066075b2a7a8', 'Teams Administrator'],
    ['3a2c62db-5318-420d-8d74-23affee5d9d5', 'Intune Administrator'],
    ['fdd7a751-b60b-444a-984c-02652fe8fa1c', 'Groups Administrator'],
    ['4d6ac14f-3453-41d0-bef9-a3e0c569773a', 'License Administrator'],
    ['4a5d8f65-41da-4de4-8968-e035b65339cf', 'Reports Reader'],
    ['5d6b6bb7-de71-4623-b4af-96380a352509', 'Security Reader'],
    ['0526716b-113d-4c15-b2c8-68e3c22b9f80', 'Authentication Policy Administrator'],
    ['31392ffb-586c-42d1-9346-e59415a2cc4e', 'Exchange Recipient Administrator'],
    ['b0f54661-2d74-4c50-afa3-1ec803f12efe', 'Billing Administrator'],
    ['17315797-102d-40b4-93e0-432062caca18', 'Compliance Administrator'],
    ['7698a772-787b-4ac8-901f-60d6b08affd2', 'Cloud Device Administrator'],
  ]
  for (const [id, name] of known) {
    it(`names ${id} ${name} and finds it back`, () => {
      assert.equal(directoryRoleName(id), name)
      assert.equal(directoryRoleName(id.toUpperCase()), name)
      assert.equal(findDirectoryRoleId(name), id)
      assert.equal(isBuiltInRoleId(id), true)
    })
  }

  it('names the default member id but does not call it a built-in role', () => {
    assert.equal(directoryRoleName('b79fbf4d-3ef9-4689-8143-76b194e85509'), 'Default member user (no admin role)')
    assert.equal(isBuiltInRoleId('b79fbf4d-3ef9-4689-8143-76b194e85509'), false)
  })

  it('finds names case-insensitively, with extra spaces and former names', () => {
    assert.equal(findDirectoryRoleId('  user   ADMINISTRATOR '), 'fe930be7-5e62-47db-91af-98c3a49a38b1')
    assert.equal(findDirectoryRoleId('Company Administrator'), '62e90394-69f5-4237-9190-012177145e10')
  })

  it('answers undefined for unknown ids and names', () => {
    assert.equal(directoryRoleName('12345678-0000-4000-8000-000000000000'), undefined)
    assert.equal(findDirectoryRoleId('Chief Coffee Officer'), undefined)
  })
})

/**
 * Least privilege when the data's `least` cannot be suggested (issue 6 §1.6): on every path, method and
 * scheme where all least-flagged permissions are resource-specific (RSC) or hidden, the answer is the
 * one the API reference's table gives next, never the RSC or hidden one, never Directory.* or a write
 * permission when the call accepts something narrower.
 */
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { PermissionCatalogue } from '../../../src/core/permissions/types.js'
import type { PermissionScheme } from '../../../src/core/types.js'
import { loadSnapshotCatalogue, needsSharedData, readSharedJson } from '../../helpers/catalogue.js'

interface Case {
  readonly path: string
  readonly method: string
  readonly scheme: PermissionScheme
  readonly flagged: readonly string[]
}

type Json = Record<string, unknown>

/** Every (path, method, scheme) of the official data whose least-flagged permissions are all RSC or hidden. */
function unsuggestibleCases(): Case[] {
  const permissions = (readSharedJson('permissions') as { permissions: Record<string, Json> }).permissions
  const deployments = (readSharedJson('provisioningInfo') as { permissionDeployments: Record<string, Json[]> }).permissionDeployments
  const hidden = new Set(Object.entries(deployments).flatMap(([name, rows]) => rows.filter((row) => row['isHidden'] === true).map((row) => `${name.toLowerCase()}|${String(row['scheme'])}`)))
  const flagged = new Map<string, Set<string>>()
  for (const [name, permission] of Object.entries(permissions)) {
    for (const pathSet of (permission['pathSets'] ?? []) as Json[]) {
      for (const [path, value] of Object.entries(pathSet['paths'] as Record<string, string>)) {
        const least = /(?:^|;)least=([^;]*)/.exec(value)?.[1]?.split(',') ?? []
        for (const method of pathSet['methods'] as string[]) {
          for (const scheme of least) {
            const key = `${path}|${method}|${scheme}`
            flagged.set(key, (flagged.get(key) ?? new Set()).add(name))
          }
        }
      }
    }
  }
  const unsuggestible = (name: string, scheme: string): boolean => permissions[name]?.['authorizationType'] === 'RSC' || hidden.has(`${name.toLowerCase()}|${scheme}`)
  const cases: Case[] = []
  for (const [key, names] of flagged) {
    const [path = '', method = '', scheme = ''] = key.split('|')
    if ([...names].every((name) => unsuggestible(name, scheme))) cases.push({ path, method, scheme: scheme as PermissionScheme, flagged: [...names] })
  }
  return cases
}

const url = (path: string): string => `https://graph.microsoft.com/v1.0${path.replace(/\{[^}]*\}/g, 'id1')}`

describe('least privilege on every template where the flagged least is resource-specific or hidden (raw official files)', needsSharedData, () => {
  let catalogue: PermissionCatalogue
  let cases: Case[]
  before(() => {
    catalogue = loadSnapshotCatalogue()
    cases = unsuggestibleCases()
  })

  it('finds such templates in the data (the test checks something)', () => {
    assert.ok(cases.length > 50, `only ${cases.length} cases`)
  })

  it('answers a grantable permission on every one, the narrowest the call accepts', () => {
    const problems: string[] = []
    for (const item of cases) {
      const schemes = catalogue.lookup(item.method, url(item.path))?.schemes[item.scheme]
      if (schemes === undefined) continue
      const least = schemes.leastPrivileged
      const accepted = schemes.accepted.map((permission) => permission.name)
      const where = `${item.method} ${item.path} ${item.scheme} (data: ${item.flagged.join(', ')})`
      if (least === null) {
        if (accepted.length > 0) problems.push(`${where}: no answer among ${accepted.join(', ')}`)
        continue
      }
      if (schemes.excluded?.some((excluded) => excluded.name === least) === true || item.flagged.includes(least) && accepted.length > 1 && !accepted.includes(least)) problems.push(`${where}: answered ${least}, which cannot be granted`)
      if (/^Directory\./.test(least) && accepted.some((name) => !/^Directory\./.test(name))) problems.push(`${where}: answered ${least} though ${accepted.join(', ')} are accepted`)
      const reads = accepted.filter((name) => !/ReadWrite|Write|Manage/i.test(name))
      if (item.method === 'GET' && reads.length > 0 && !reads.includes(least)) problems.push(`${where}: answered the write permission ${least} for a read`)
    }
    assert.deepEqual(problems, [])
  })
})

describe('least privilege when the flagged least is resource-specific or hidden', () => {
  let catalogue: PermissionCatalogue
  before(() => {
    catalogue = loadSnapshotCatalogue()
  })

  const expected: ReadonlyArray<readonly [string, string, PermissionScheme, string]> = [
    ['GET', '/teams/{id}/channels/{id}/messages', 'Application', 'ChannelMessage.Read.All'],
    ['GET', '/teams/{id}/channels/{id}/messages/{id}/replies', 'Application', 'ChannelMessage.Read.All'],
    ['GET', '/chats/{id}/messages', 'Application', 'Chat.Read.All'],
    ['GET', '/teams/{id}', 'Application', 'Team.ReadBasic.All'],
    ['GET', '/teams/{id}/channels', 'Application', 'Channel.ReadBasic.All'],
    ['GET', '/teams/{id}/channels/{id}/members', 'Application', 'ChannelMember.Read.All'],
    ['POST', '/teams/{id}/channels', 'Application', 'Channel.Create'],
    ['DELETE', '/chats/{id}', 'Application', 'Chat.ManageDeletion.All'],
  ]
  for (const [method, path, scheme, least] of expected) {
    it(`${method} ${path} (${scheme}): ${least}, as the API reference's table gives next`, () => {
      const schemes = catalogue.lookup(method, url(path))?.schemes[scheme]
      assert.equal(schemes?.leastPrivileged, least)
      assert.equal(schemes?.accepted[0]?.name, least)
    })
  }

  it('says why in the endpoint notes, without citing internal documents', () => {
    const endpoint = catalogue.lookup('GET', url('/teams/{id}/channels/{id}/messages'))
    const note = endpoint?.notes.find((text) => text.includes('ChannelMessage.Read.Group'))
    assert.match(note ?? '', /resource-specific or hidden.*ChannelMessage\.Read\.All is the next one the API reference lists/)
    for (const text of endpoint?.notes ?? []) assert.doesNotMatch(text, /\.md|§/)
  })
})

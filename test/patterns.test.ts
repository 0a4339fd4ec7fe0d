/**
 * Issue 6 §1, patterns 1–6: each pattern's fixtures (test/fixtures/patterns/cases.ts, with the public
 * material they are shaped after) produce its answer, and its near-miss produces something else, which
 * is asserted too. Diagnosed with the shared permission catalogue.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Exchange } from '../src/core/exchange.js'
import type { DiagnosisResult, Finding } from '../src/core/types.js'
import { OPAQUE_TOKEN, patternCases } from './fixtures/patterns/cases.js'
import { call, findingOf, graphError, ids, run, textOf } from './core/rules/helpers.js'
import { appOnlyToken } from './helpers/tokens.js'

const diagnosed = (exchange: Exchange | undefined): DiagnosisResult => {
  assert.ok(exchange !== undefined, 'missing fixture')
  return run(exchange, { withCatalogue: true })
}
const hitsOf = (pattern: number): Readonly<Record<string, Exchange>> => patternCases.find((item) => item.pattern === pattern)?.hits ?? {}
const nearMissOf = (pattern: number): Exchange | undefined => patternCases.find((item) => item.pattern === pattern)?.nearMiss
const top = (result: DiagnosisResult): Finding => {
  const first = result.findings[0]
  assert.ok(first !== undefined, 'no finding')
  return first
}
const linkUrls = (finding: Finding): string[] => finding.links.map((link) => link.url)
const DIRECTORY_ROLE = /Administrator|directory role|wids/

describe('pattern 1: Graph\'s own words outrank the catalogue', () => {
  it('Teams "API requires one of": permission-missing with those permissions, least privileged first, and the disagreement said', () => {
    const finding = top(diagnosed(hitsOf(1)['teamsRoles']))
    assert.equal(finding.id, 'permission-missing')
    assert.equal(finding.permission?.scheme, 'Application')
    assert.equal(finding.permission?.leastPrivileged, 'ChannelMessage.Read.All')
    assert.deepEqual(finding.permission?.accepted, ['ChannelMessage.Read.All', 'Group.ReadWrite.All', 'ChannelMessage.Read.Group'])
    assert.deepEqual(finding.permission?.granted, ['Group.Read.All'])
    assert.match(finding.detail, /catalogue lists Group\.Read\.All .* but the service disagrees, and the service decides/)
    assert.ok(finding.fix.some((step) => step.startsWith('Add ChannelMessage.Read.All, the least-privileged application permission')))
    assert.ok(finding.fix.some((step) => /ChannelMessage\.Read\.Group is resource-specific consent/.test(step)))
  })

  it('Intune "must have one of the following scopes" inside a JSON string, answered with 401', () => {
    const result = diagnosed(hitsOf(1)['intuneScopes'])
    const finding = top(result)
    assert.equal(finding.id, 'permission-missing')
    assert.equal(finding.permission?.leastPrivileged, 'DeviceManagementServiceConfig.Read.All')
    assert.ok(!ids(result).includes('token-rejected'), 'the named permissions explain the 401')
  })

  it('an app-only token without roles: the service\'s list leads, least privileged first', () => {
    const finding = top(diagnosed(hitsOf(1)['noRoles']))
    assert.equal(finding.id, 'permission-missing')
    assert.equal(finding.permission?.leastPrivileged, 'Chat.Read.All')
  })

  it('near-miss: the same call with a body that names nothing keeps the catalogue\'s view', () => {
    const result = diagnosed(nearMissOf(1))
    assert.ok(!ids(result).includes('permission-missing'), ids(result).join(', '))
    assert.equal(top(result).id, 'resource-policy')
  })
})

describe('pattern 2: workload semantics of a 403', () => {
  it('another user\'s mailbox: delegation plus the .Shared scope, never a directory role', () => {
    const finding = top(diagnosed(hitsOf(2)['otherMailbox']))
    assert.equal(finding.id, 'user-not-privileged')
    assert.ok(finding.fix.some((step) => step.includes('Mail.Read.Shared')))
    assert.doesNotMatch(finding.fix.join('\n'), DIRECTORY_ROLE)
    assert.ok(!linkUrls(finding).some((url) => url.includes('role-based-access-control')), 'no link about directory roles')
  })

  it('another user\'s mailbox without a mail scope: permission-missing, and the .Shared scope it needs there', () => {
    const finding = top(diagnosed(hitsOf(2)['otherMailboxNoScope']))
    assert.equal(finding.id, 'permission-missing')
    assert.ok(finding.fix.some((step) => /another user's mailbox: a delegated token needs Mail\.Read\.Shared/.test(step)))
    assert.doesNotMatch(finding.detail + finding.fix.join('\n'), /User Administrator|directory role/)
  })

  it('content that is not a directory object never gets directory-role advice', () => {
    const expected: Record<string, RegExp> = { planner: /owns the object|shared/, groupCalendar: /member of the group/, sendAs: /Send As/, driveById: /share the file/ }
    for (const [name, advice] of Object.entries(expected)) {
      const finding = top(diagnosed(hitsOf(2)[name]))
      assert.equal(finding.id, 'user-not-privileged', name)
      assert.match(finding.fix.join('\n'), advice, name)
      assert.doesNotMatch(finding.fix.join('\n'), /Sign in as a user with|Roles and administrators/, name)
    }
  })

  it('another user\'s calendar: Calendars.Read.Shared', () => {
    const finding = top(diagnosed(hitsOf(2)['otherCalendar']))
    assert.equal(finding.id, 'user-not-privileged')
    assert.ok(finding.fix.some((step) => step.includes('Calendars.Read.Shared')))
  })

  it('the user\'s own mailbox: not provisioned or licensed, no directory role', () => {
    const result = diagnosed(hitsOf(2)['ownMailbox'])
    assert.deepEqual(ids(result), ['user-not-licensed'])
    assert.doesNotMatch(top(result).fix.join('\n'), /Administrator role|Sign in as a user with/)
  })

  it('app-only "Access to OData is disabled": Exchange\'s REST allow and block lists, with their own fix and links', () => {
    const finding = top(diagnosed(hitsOf(2)['odataDisabled']))
    assert.equal(finding.id, 'resource-policy')
    assert.match(finding.fix.join('\n'), /EwsApplicationAccessPolicy/)
    assert.deepEqual(linkUrls(finding), ['https://learn.microsoft.com/powershell/module/exchange/set-organizationconfig', 'https://learn.microsoft.com/powershell/module/exchange/set-casmailbox'])
  })

  it('app-only application access policy: RBAC for Applications, not the REST block lists', () => {
    const finding = top(diagnosed(hitsOf(2)['accessPolicy']))
    assert.equal(finding.id, 'resource-policy')
    assert.match(finding.fix.join('\n'), /Test-ServicePrincipalAuthorization/)
    assert.doesNotMatch(finding.fix.join('\n'), /EwsAllowList/)
  })

  it('near-miss: a directory object gets the directory-role advice', () => {
    const finding = top(diagnosed(nearMissOf(2)))
    assert.equal(finding.id, 'user-not-privileged')
    assert.match(finding.fix[0] ?? '', /User Administrator/)
    assert.ok(linkUrls(finding).some((url) => url.includes('role-based-access-control')))
    assert.doesNotMatch(finding.fix.join('\n'), /\.Shared/)
  })
})

describe('pattern 3: Teams protected APIs', () => {
  it('the protected-API request is the fix, and the only link is about protected APIs', () => {
    const finding = top(diagnosed(hitsOf(3)['channelMessages']))
    assert.equal(finding.id, 'resource-policy')
    assert.match(finding.detail, /protected/)
    assert.match(finding.fix[0] ?? '', /Request protected API access/)
    assert.deepEqual(linkUrls(finding), ['https://learn.microsoft.com/graph/teams-protected-apis'])
  })

  it('near-miss: the same denial without that sentence is the resource-specific consent variant', () => {
    const finding = top(diagnosed(nearMissOf(3)))
    assert.equal(finding.id, 'resource-policy')
    assert.doesNotMatch(finding.detail, /protected/i)
    assert.ok(!linkUrls(finding).includes('https://learn.microsoft.com/graph/teams-protected-apis'))
  })

  it('every resource-policy variant links only to its own cause', () => {
    const linkSets = [hitsOf(3)['channelMessages'], nearMissOf(3), hitsOf(2)['odataDisabled'], hitsOf(2)['accessPolicy']].map((exchange) => linkUrls(top(diagnosed(exchange))))
    const all = linkSets.flat()
    assert.equal(new Set(all).size, all.length, 'a link is shared between different causes')
  })
})

describe('pattern 4: opaque tokens', () => {
  it('401 on an API that supports personal accounts: the token was refused, an error, not healthy', () => {
    const result = diagnosed(hitsOf(4)['refused'])
    const finding = top(result)
    assert.equal(finding.id, 'token-rejected')
    assert.equal(finding.severity, 'error')
    assert.match(finding.detail, /supports personal Microsoft accounts/)
    assert.match(finding.detail, /expired/)
  })

  it('403 on an API that supports personal accounts: permission-missing with the DelegatedPersonal least permission', () => {
    const finding = top(diagnosed(hitsOf(4)['denied']))
    assert.equal(finding.id, 'permission-missing')
    assert.equal(finding.permission?.scheme, 'DelegatedPersonal')
    assert.equal(finding.permission?.leastPrivileged, 'Mail.ReadBasic')
    assert.match(finding.detail, /opaque/)
  })

  it('an organisation-only API: token-personal-account', () => {
    assert.equal(top(diagnosed(hitsOf(4)['orgOnly'])).id, 'token-personal-account')
  })

  it('never prints the opaque token', () => {
    for (const exchange of Object.values(hitsOf(4))) assert.ok(!JSON.stringify(diagnosed(exchange)).includes(OPAQUE_TOKEN))
  })

  it('near-miss: the same token and API with a 200 is healthy', () => {
    assert.deepEqual(ids(diagnosed(nearMissOf(4))), [])
  })
})

describe('pattern 5: nested and wrapped error bodies', () => {
  it('a licence code inside a JSON-string message', () => {
    const finding = findingOf(diagnosed(hitsOf(5)['licenceInJson']), 'user-not-licensed')
    assert.ok(finding.evidence.some((item) => item.field === 'error.code' && item.value === 'MailboxNotEnabledForRESTAPI'))
    assert.ok(finding.evidence.some((item) => item.field === 'wrapped in' && item.value === 'UnknownError'))
  })

  it('an ExtensionError wrapper around "Access to OData is disabled"', () => {
    const finding = top(diagnosed(hitsOf(5)['extensionError']))
    assert.equal(finding.id, 'resource-policy')
    assert.match(finding.detail, /REST \(OData\) access/)
  })

  it('PIM\'s errorCode inside UnknownError names the scopes: permission-missing', () => {
    const finding = top(diagnosed(hitsOf(5)['pimScopes']))
    assert.equal(finding.id, 'permission-missing')
    assert.deepEqual(finding.permission?.accepted, ['RoleEligibilitySchedule.ReadWrite.Directory', 'RoleManagement.ReadWrite.Directory'])
  })

  it('an HTML page: its title as evidence, the failure still diagnosed', () => {
    const finding = top(diagnosed(hitsOf(5)['htmlPage']))
    assert.equal(finding.id, 'permission-missing')
    assert.ok(finding.evidence.some((item) => item.field === 'HTML page' && item.value === '403 - Forbidden: Access is denied.'))
  })

  it('near-miss: an ordinary 404 inside the same wrapper is not a licence problem', () => {
    const result = diagnosed(nearMissOf(5))
    assert.ok(!ids(result).includes('user-not-licensed'))
    assert.equal(top(result).id, 'not-authorization-error')
  })
})

describe('pattern 6: least privilege past an unsuggestible least', () => {
  it('Teams channel messages, application: ChannelMessage.Read.All, not Group.Read.All', () => {
    const finding = top(diagnosed(hitsOf(6)['channelMessages']))
    assert.equal(finding.id, 'permission-missing')
    assert.equal(finding.permission?.leastPrivileged, 'ChannelMessage.Read.All')
    assert.ok(!finding.permission?.accepted.includes('ChannelMessage.Read.Group'), 'RSC is never suggested tenant-wide')
  })

  it('chat messages, application: Chat.Read.All', () => {
    assert.equal(top(diagnosed(hitsOf(6)['chatMessages'])).permission?.leastPrivileged, 'Chat.Read.All')
  })

  it('near-miss: the app holds the RSC grant itself, so no permission is missing', () => {
    const result = diagnosed(nearMissOf(6))
    assert.ok(!ids(result).includes('permission-missing'), ids(result).join(', '))
    assert.equal(top(result).id, 'resource-policy')
  })
})

describe('links concern their own cause', () => {
  it('the throttling guidance comes with a 429 only, not with a 404', () => {
    const at = (status: number): string[] => linkUrls(top(run(call({ url: 'https://graph.microsoft.com/v1.0/users/x', token: appOnlyToken(), status, body: graphError(status === 429 ? 'TooManyRequests' : 'Request_ResourceNotFound', 'x') }))))
    assert.ok(at(429).includes('https://learn.microsoft.com/graph/throttling'))
    assert.ok(!at(404).includes('https://learn.microsoft.com/graph/throttling'))
  })
})

describe('every pattern', () => {
  it('never cites internal documents in user-facing text', () => {
    for (const item of patternCases) {
      for (const exchange of [...Object.values(item.hits), item.nearMiss]) {
        for (const finding of diagnosed(exchange).findings) assert.doesNotMatch(textOf(finding), /\.md\b|§/, `${item.name}: ${finding.id}`)
      }
    }
  })

  it('every hit is a failure with an error finding first (never "no problems found")', () => {
    for (const item of patternCases) {
      for (const [name, exchange] of Object.entries(item.hits)) assert.equal(top(diagnosed(exchange)).severity, 'error', `${item.name}: ${name}`)
    }
  })
})

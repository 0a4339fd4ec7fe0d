import { test } from 'node:test'
import assert from 'node:assert/strict'
import { codeLanguage, fixParts, isCommandCode } from '../../src/render/diagnosis/fix-parts.js'
import { makeStyle } from '../../src/render/layout/style.js'
import { outputWidth, splitWords, visibleLength, wrapBlock, wrapText } from '../../src/render/layout/wrap.js'
import { firstRoleNamed } from '../../src/core/rules/authorization/role-action.js'

test('words split at spaces, but a backtick code span is one word', () => {
  assert.deepEqual(splitWords('run `az ad app show --id x`, then  retry'), ['run', '`az ad app show --id x`,', 'then', 'retry'])
  assert.deepEqual(splitWords('a ``b ` c`` d'), ['a', '``b ` c``', 'd'])
  assert.deepEqual(splitWords('an `unclosed span'), ['an', '`unclosed', 'span'])
})

test('a paragraph wraps with a hanging indent and never exceeds the width', () => {
  const text = 'The request carries no Authorization header, so the call is anonymous and Graph rejects it.'
  const lines = wrapText(text, { width: 40, first: '  ', rest: '    ' })
  assert.deepEqual(lines, ['  The request carries no Authorization', '    header, so the call is anonymous and', '    Graph rejects it.'])
})

test('a paragraph that fits stays on one line, URL included', () => {
  assert.deepEqual(wrapText('see https://aka.ms/x now', { width: 80 }), ['see https://aka.ms/x now'])
})

test('when a paragraph wraps, a URL stands alone on its line and is never split; a method stays with its URL', () => {
  const url = 'https://learn.microsoft.com/entra/identity-platform/msal-acquire-cache-tokens'
  assert.deepEqual(wrapText(`read ${url} first`, { width: 40, rest: '  ' }), ['read', `  ${url}`, '  first'])
  assert.deepEqual(wrapText(`Graph denied GET ${url} (Forbidden).`, { width: 40 }), ['Graph denied', `GET ${url}`, '(Forbidden).'])
})

test('widths ignore ANSI codes', () => {
  const style = makeStyle(true)
  const lines = wrapText(`${style.bold('bold words')} and more words here`, { width: 20 })
  assert.deepEqual(lines.map((line) => visibleLength(line)), [19, 10])
})

test('the output width is the terminal\'s, 80 when unknown, at least 40', () => {
  assert.equal(outputWidth(undefined), 80)
  assert.equal(outputWidth(0), 80)
  assert.equal(outputWidth(132), 132)
  assert.equal(outputWidth(20), 40)
})

test('commands and statements are code; names, options and URLs inside a sentence are not', () => {
  for (const code of ['az ad app permission grant --id x', "Connect-MgGraph -Scopes 'User.Read'", '$sp = Get-MgServicePrincipal', 'Test-ApplicationAccessPolicy -Identity x', 'new GraphServiceClient(credential, scopes)', 'app.AcquireTokenSilent(scopes).WithClaims(claims)']) {
    assert.ok(isCommandCode(code), code)
  }
  for (const code of ['User.Read', 'organizations', 'https://graph.microsoft.com/.default', '--permissions permissions.json', 'scopes: [x]', 'WwwAuthenticateParameters.GetClaimChallenge', 'result.accessToken']) {
    assert.ok(!isCommandCode(code), code)
  }
  assert.equal(codeLanguage(['az ad sp show']), 'sh')
  assert.equal(codeLanguage(['$graph = Get-MgServicePrincipal']), 'powershell')
  assert.equal(codeLanguage(['app.AcquireTokenSilent(scopes)']), '')
})

test('a fix step splits into prose and code: trailing lines, fenced or not, and commands lifted from the prose', () => {
  assert.deepEqual(fixParts('Azure CLI:\naz a\naz b'), [{ kind: 'text', text: 'Azure CLI:' }, { kind: 'code', lines: ['az a', 'az b'], language: 'sh' }])
  assert.deepEqual(fixParts('Sample:\n```\nconst x = 1\n```'), [{ kind: 'text', text: 'Sample:' }, { kind: 'code', lines: ['const x = 1'], language: '' }])
  assert.deepEqual(fixParts('Assign it (`New-MgRoleAssignment -PrincipalId x`), then sign in again.'), [
    { kind: 'text', text: 'Assign it' },
    { kind: 'code', lines: ['New-MgRoleAssignment -PrincipalId x'], language: 'powershell' },
    { kind: 'text', text: 'then sign in again.' },
  ])
  assert.deepEqual(fixParts('az ad app permission admin-consent --id x'), [{ kind: 'code', lines: ['az ad app permission admin-consent --id x'], language: 'sh' }])
  assert.deepEqual(fixParts('Give it a provider (e.g. `new GraphServiceClient(credential, scopes)`) and let the SDK attach it.'), [
    { kind: 'text', text: 'Give it a provider, e.g.' },
    { kind: 'code', lines: ['new GraphServiceClient(credential, scopes)'], language: '' },
    { kind: 'text', text: 'and let the SDK attach it.' },
  ], 'no parenthesis left open or closing alone when the command moves to its own line')
  assert.deepEqual(fixParts('Use `User.Read` only.'), [{ kind: 'text', text: 'Use `User.Read` only.' }])
})

test('the role to assign is the first built-in role a fix names', () => {
  assert.deepEqual(firstRoleNamed('Authentication Administrator (non-admin users) or Privileged Authentication Administrator', 'user'), {
    name: 'Authentication Administrator',
    templateId: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
    assignee: 'user',
  })
  assert.equal(firstRoleNamed('Application Administrator or Cloud Application Administrator', 'app')?.name, 'Application Administrator')
  assert.equal(firstRoleNamed('site membership or sharing', 'user'), undefined)
})

test('wrapBlock wraps each line of a preformatted text, hanging under its label column', () => {
  const text = 'Cache: ready\n  cache     /home/someone/.cache/graph-doctor/generations/current\n'
  assert.equal(wrapBlock(text, 40), 'Cache: ready\n  cache     /home/someone/.cache/graph-doctor/generations/current\n')
  assert.equal(wrapBlock('  source    microsoft graph devx content of some date\n', 40), '  source    microsoft graph devx content\n            of some date\n')
  assert.equal(wrapBlock('No endpoint in the permission data matches this request.', 30), 'No endpoint in the permission\n  data matches this request.')
})

test('an option stays with the word before it and a short {…} placeholder stays whole; options never chain (near miss)', () => {
  const help = wrapText('explain failed Graph calls from a HAR, curl -v, raw HTTP or error body', { width: 42 })
  assert.ok(help.some((line) => line.includes('curl -v')), help.join('\n'))
  const braces = wrapText('on behalf of someone else: replace /me with /users/{id or userPrincipalName} in the call', { width: 44 })
  assert.ok(braces.some((line) => line.includes('/users/{id or userPrincipalName}')), braces.join('\n'))
  const chain = wrapText('run curl -v -s -S -L --fail --compressed https://graph.microsoft.com/v1.0/me now', { width: 20 })
  assert.ok(chain.every((line) => visibleLength(line) <= 20 || line.includes('https://')), chain.join('\n'))
})

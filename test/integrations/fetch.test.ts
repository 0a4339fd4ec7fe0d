import { test } from 'node:test'
import assert from 'node:assert/strict'
import { findingIds, type FindingId } from '../../src/core/catalogue.js'
import type { PermissionCatalogue } from '../../src/core/permissions/types.js'
import { sentHeaders } from '../../src/integrations/diagnoser.js'
import { withGraphDoctor, type DiagnosisEvent } from '../../src/integrations/fetch.js'
import { findingCall } from '../double/finding-calls.js'
import { startGraphDouble } from '../double/server.js'
import { loadSnapshotCatalogue } from '../helpers/catalogue.js'

test('withGraphDoctor: every finding id is diagnosed from the live response, whose body the caller can still read', async () => {
  const double = await startGraphDouble()
  const events: DiagnosisEvent[] = []
  let loads = 0
  const permissions = (): Promise<PermissionCatalogue> => {
    loads += 1
    return Promise.resolve(loadSnapshotCatalogue())
  }
  const doctorFetch = withGraphDoctor(fetch, { permissions, onDiagnosis: (event) => events.push(event), graphOrigins: [double.url], loginOrigins: [double.url] })
  try {
    const ok = await doctorFetch(`${double.url}/v1.0/me`)
    assert.equal(ok.status, 200)
    assert.deepEqual([events.length, loads], [0, 0], 'a success diagnoses nothing and loads no permission data')
    for (const id of findingIds.filter((candidate): candidate is FindingId => findingCall(candidate).response.cutOff !== true)) {
      const call = findingCall(id)
      const response = await doctorFetch(`${double.url}${call.path}`, { method: call.method, headers: { ...call.headers, 'x-double-scenario': `finding:${id}` }, ...(call.body === undefined ? {} : { body: call.body }) })
      assert.equal(await response.text(), call.response.body, `${id}: the caller reads the untouched body`)
      const event = events.at(-1)
      assert.ok(event?.result.findings.some((finding) => finding.id === id), `${id}: got ${event?.result.findings.map((finding) => finding.id).join(', ')}`)
      assert.match(event?.url ?? '', /^https:\/\/(graph\.microsoft\.com|login\.microsoftonline\.com)\//)
    }
    assert.equal(loads, 1, 'the catalogue loads once, on the first failure')
    assert.equal(events.find((event) => event.result.findings[0]?.id === 'permission-missing')?.result.findings[0]?.permission?.leastPrivileged, 'User.ReadBasic.All')
  } finally {
    await double.close()
  }
})

test('withGraphDoctor: a body cut off mid-way is diagnosed as unreadable; calls to other hosts are left alone; the default reporter warns one line', async () => {
  const double = await startGraphDouble()
  const warnings: string[] = []
  const original = console.warn
  console.warn = (line: string) => void warnings.push(line)
  try {
    const doctorFetch = withGraphDoctor(fetch, { graphOrigins: [double.url] })
    const cut = findingCall('input-unreadable')
    const response = await doctorFetch(`${double.url}${cut.path}`, { headers: { ...cut.headers, 'x-double-scenario': 'finding:input-unreadable' } })
    assert.equal(response.status, 403)
    assert.equal(warnings.length, 1)
    assert.match(warnings[0] ?? '', /^graph-doctor: [✖▲] 403 GET \/v1\.0\/me\/photo\/\$value  input-unreadable/)
    const elsewhere = withGraphDoctor(fetch, {})
    assert.equal((await elsewhere(`${double.url}/v1.0/me`, { headers: { 'x-double-scenario': 'status:503' } })).status, 503)
    assert.equal(warnings.length, 1, 'an origin not configured as Graph is not diagnosed')
  } finally {
    console.warn = original
    await double.close()
  }
})

test('sentHeaders follows fetch: init.headers replace a Request\'s headers, they are not merged', async () => {
  const double = await startGraphDouble()
  try {
    const request = new Request(`${double.url}/v1.0/me`, { headers: { authorization: 'Bearer FAKE-token-of-the-request', 'x-double-scenario': 'echo' } })
    const init = { headers: { 'x-double-scenario': 'echo', accept: 'application/json' } }
    const echo = await (await fetch(request.clone(), init)).json() as { rawHeaders: string[] }
    const arrived = new Set(echo.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase()))
    const named = sentHeaders(request, init).map(([name]) => name)
    assert.ok(!arrived.has('authorization'), 'fetch itself did not send the Request\'s Authorization')
    assert.ok(!named.includes('authorization'), 'so the diagnosis must not assume it was sent')
    assert.deepEqual(named.sort(), ['accept', 'x-double-scenario'])
    assert.deepEqual(sentHeaders(request, undefined).map(([name]) => name).sort(), ['authorization', 'x-double-scenario'])
  } finally {
    await double.close()
  }
})

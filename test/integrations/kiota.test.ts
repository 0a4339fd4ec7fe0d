import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AllowedHostsValidator, BaseBearerTokenAuthenticationProvider } from '@microsoft/kiota-abstractions'
import { KiotaClientFactory } from '@microsoft/kiota-http-fetchlibrary'
import { GraphRequestAdapter, createGraphServiceClient } from '@microsoft/msgraph-sdk'
import '@microsoft/msgraph-sdk-users'
import { getDefaultMiddlewares } from '@microsoft/msgraph-sdk-core'
import { GraphDoctorKiotaMiddleware, diagnosisOf, withDiagnosedErrors } from '../../src/integrations/kiota.js'
import type { DiagnosisEvent } from '../../src/integrations/options.js'
import { findingCall } from '../double/finding-calls.js'
import { startGraphDouble } from '../double/server.js'
import { loadSnapshotCatalogue } from '../helpers/catalogue.js'

const token = (findingCall('permission-missing').headers['Authorization'] ?? '').replace(/^Bearer /, '')

test('Kiota-based msgraph-sdk: onDiagnosis gets the diagnosis; the thrown ODataError carries it as error.graphDoctor, and diagnosisOf finds it', async () => {
  const double = await startGraphDouble()
  const events: DiagnosisEvent[] = []
  try {
    const auth = new BaseBearerTokenAuthenticationProvider({
      getAuthorizationToken: () => Promise.resolve(token),
      getAllowedHostsValidator: () => new AllowedHostsValidator(new Set(['127.0.0.1'])),
    })
    const doctor = new GraphDoctorKiotaMiddleware({ permissions: () => Promise.resolve(loadSnapshotCatalogue()), onDiagnosis: (event) => events.push(event), graphOrigins: [double.url] })
    const httpClient = KiotaClientFactory.create(undefined, [doctor, ...getDefaultMiddlewares()])
    const adapter = withDiagnosedErrors(new GraphRequestAdapter(auth, undefined, undefined, httpClient))
    adapter.baseUrl = `${double.url}/v1.0`
    assert.equal(adapter.baseUrl, `${double.url}/v1.0`)
    const client = createGraphServiceClient(adapter)
    const me = await client.me.get()
    assert.equal(me?.displayName, 'Adele Test')
    assert.equal(events.length, 0)
    const error: unknown = await client.users.get({ headers: { 'x-double-scenario': ['finding:permission-missing'] }, queryParameters: { select: ['displayName', 'mail'] } }).then(() => undefined, (caught: unknown) => caught)
    assert.equal((error as { responseStatusCode?: number }).responseStatusCode, 403)
    assert.equal((error as { errorEscaped?: { code?: string } }).errorEscaped?.code, 'Authorization_RequestDenied')
    const diagnosis = diagnosisOf(error)
    assert.equal(diagnosis?.findings[0]?.id, 'permission-missing')
    assert.equal(diagnosis?.findings[0]?.permission?.leastPrivileged, 'User.ReadBasic.All')
    assert.equal(events.length, 1)
    assert.equal(events[0]?.result, diagnosis)
    assert.equal((error as { graphDoctor?: unknown }).graphDoctor, diagnosis, 'the adapter wrapper attaches the diagnosis to the thrown error')
    assert.ok(!Object.keys(error as object).includes('graphDoctor'), 'the property is not enumerable, so serialising the error is unchanged')
    assert.equal(diagnosisOf(new Error('unrelated')), undefined)
  } finally {
    await double.close()
  }
})

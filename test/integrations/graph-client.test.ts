import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Client, GraphError, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client'
import { GraphDoctorMiddleware, diagnosisOf } from '../../src/integrations/graph-client.js'
import type { DiagnosisEvent } from '../../src/integrations/options.js'
import { startProxy } from '../../src/live/proxy/server.js'
import { findingCall } from '../double/finding-calls.js'
import { startGraphDouble } from '../double/server.js'
import { loadSnapshotCatalogue } from '../helpers/catalogue.js'

const token = (findingCall('permission-missing').headers['Authorization'] ?? '').replace(/^Bearer /, '')

/**
 * The client's AuthenticationHandler sends tokens to https hosts only; with an http:// base URL (the
 * proxy, the double) the app sets the header itself, as the README shows.
 */
class BearerMiddleware implements Middleware {
  #next: Middleware | undefined
  async execute(context: Context): Promise<void> {
    context.options = { ...context.options, headers: { ...(context.options?.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` } }
    await this.#next?.execute(context)
  }

  setNext(next: Middleware): void {
    this.#next = next
  }
}

function client(baseUrl: string, events: DiagnosisEvent[], origins: readonly string[]): Client {
  return Client.initWithMiddleware({
    baseUrl: `${baseUrl}/`,
    customHosts: new Set(['127.0.0.1']),
    middleware: [new BearerMiddleware(), new GraphDoctorMiddleware({ permissions: loadSnapshotCatalogue(), onDiagnosis: (event) => events.push(event), graphOrigins: origins }), new HTTPMessageHandler()],
  } as Parameters<typeof Client.initWithMiddleware>[0])
}

test('Graph JS client: the GraphError of a failed call carries the diagnosis as error.graphDoctor, and onDiagnosis gets it', async () => {
  const double = await startGraphDouble()
  const events: DiagnosisEvent[] = []
  try {
    const graph = client(double.url, events, [double.url])
    const me = await graph.api('/me').get() as { displayName: string }
    assert.equal(me.displayName, 'Adele Test')
    assert.equal(events.length, 0)
    const error = await graph.api('/users').select(['displayName', 'mail']).header('x-double-scenario', 'finding:permission-missing').get().then(() => undefined, (caught: unknown) => caught)
    assert.ok(error instanceof GraphError)
    assert.equal(error.statusCode, 403)
    assert.equal(error.graphDoctor?.findings[0]?.id, 'permission-missing')
    assert.equal(diagnosisOf(error), error.graphDoctor)
    assert.equal(error.graphDoctor?.findings[0]?.permission?.leastPrivileged, 'User.ReadBasic.All')
    assert.deepEqual(events.map((event) => event.result.findings[0]?.id), ['permission-missing'])
  } finally {
    await double.close()
  }
})

test('graph-doctor proxy diagnoses a failing call of the real Graph JS client live', async () => {
  const double = await startGraphDouble()
  const lines: string[] = []
  const proxy = await startProxy({ upstream: double.url, loginUpstream: double.url, loadPermissions: () => Promise.resolve(loadSnapshotCatalogue()), onFailure: (result) => lines.push(result.findings[0]?.id ?? '') })
  try {
    const graph = Client.initWithMiddleware({ baseUrl: `${proxy.origin}/`, middleware: [new BearerMiddleware(), new HTTPMessageHandler()] } as Parameters<typeof Client.initWithMiddleware>[0])
    await assert.rejects(graph.api('/users').header('x-double-scenario', 'finding:permission-missing').get(), (error: unknown) => error instanceof GraphError && error.statusCode === 403)
    await proxy.session.settled()
    assert.deepEqual(lines, ['permission-missing'])
  } finally {
    await proxy.close()
    await double.close()
  }
})

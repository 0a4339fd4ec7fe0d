/** A local HTTP server for `data update` tests: serves the synthetic mini data set at its root. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MINI_FILES, writeMiniData } from '../helpers/mini-data.js'

/** A folder holding the three files the server serves (for `--from DIR`). */
export const MINI_DIR = writeMiniData()
export const FILES = [...MINI_FILES.keys()]

/**
 * Serves `/<name>` for the three files, 404 for any other path; `overrides` replaces a
 * file's body, or answers a status code.
 */
export function startServer(overrides: ReadonlyMap<string, string | number> = new Map()): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').slice(1)
    const override = overrides.get(name)
    const body = MINI_FILES.get(name)
    if (typeof override === 'number') {
      response.writeHead(override).end('nope')
    } else if (typeof override === 'string') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(override)
    } else if (body === undefined) {
      response.writeHead(404).end('not found')
    } else {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body)
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })))
}

/** A local HTTP server for `data update` tests: serves the shared Graph data files at its root. */
import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SHARED = fileURLToPath(new URL('../../../shared/data/devx-content/', import.meta.url))
export const FILES = ['permissions.json', 'provisioningInfo.json', 'permissions-descriptions.json']

/**
 * Serves `/<name>` for the three shared files, 404 for any other path; `overrides` replaces a
 * file's body, or answers a status code.
 */
export function startServer(overrides: ReadonlyMap<string, string | number> = new Map()): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    void (async () => {
      const name = (request.url ?? '/').slice(1)
      const override = overrides.get(name)
      if (typeof override === 'number') {
        response.writeHead(override).end('nope')
      } else if (typeof override === 'string') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(override)
      } else if (!FILES.includes(name)) {
        response.writeHead(404).end('not found')
      } else {
        const body = await readFile(join(SHARED, name))
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength }).end(body)
      }
    })()
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })))
}

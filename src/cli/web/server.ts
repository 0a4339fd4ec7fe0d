/**
 * Serves the built web page (dist/web/graph-doctor.html) on loopback for `graph-doctor web`: one
 * file, GET and HEAD only, with the page's own Content-Security-Policy as a header too (plus
 * frame-ancestors, which a meta tag cannot carry), no caching, and a Host check against DNS rebinding.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { GraphDoctorError } from '../../core/errors.js'

/** The page of this installation: three folders below the package root, in dist/bin/chunks (bundled) and in src/cli/web (tests). */
export function webPagePath(): string {
  return fileURLToPath(new URL('../../../dist/web/graph-doctor.html', import.meta.url))
}

/** The CSP of the page's meta tag. */
export function pagePolicy(html: string): string {
  const marker = 'http-equiv="Content-Security-Policy" content="'
  const start = html.indexOf(marker)
  const end = start === -1 ? -1 : html.indexOf('"', start + marker.length)
  if (end === -1) throw new GraphDoctorError('ERR_IO', 'the web page has no Content-Security-Policy: rebuild it (npm run build:web)')
  return html.slice(start + marker.length, end)
}

export async function readWebPage(path: string = webPagePath()): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new GraphDoctorError('ERR_IO', `the web page is not built (${path}): run npm run build:web`, { cause: error })
  }
}

function respond(page: Buffer, headers: Readonly<Record<string, string>>, port: () => number) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const host = request.headers.host ?? ''
    const allowed = [`127.0.0.1:${port()}`, `localhost:${port()}`]
    if (!allowed.includes(host.toLowerCase())) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Misdirected request\n')
      return
    }
    const path = (request.url ?? '/').split('?')[0]
    if (path !== '/' && path !== '/graph-doctor.html') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('Not found\n')
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n')
      return
    }
    response.writeHead(200, { ...headers, 'content-length': String(page.byteLength) })
    response.end(request.method === 'HEAD' ? undefined : page)
  }
}

/** Listen on host:port (0: a free port) and serve the page until closed. */
export async function serveWebPage(html: string, host: string, port: number): Promise<{ server: Server; url: string }> {
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `${pagePolicy(html)}; frame-ancestors 'none'`,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
  }
  let bound = port
  const server = createServer(respond(Buffer.from(html, 'utf8'), headers, () => bound))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  bound = typeof address === 'object' && address !== null ? address.port : port
  return { server, url: `http://${host}:${bound}/` }
}

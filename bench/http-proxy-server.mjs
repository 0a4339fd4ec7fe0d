// The baseline reverse proxy of bench/proxy.ts: http-proxy 1.18 with a keep-alive agent, like the
// proxies measured in the performance research. Prints its URL; stops on SIGTERM.
import { createServer, Agent } from 'node:http'
import httpProxy from 'http-proxy'

const target = process.argv[2]
const proxy = httpProxy.createProxyServer({ target, agent: new Agent({ keepAlive: true, maxSockets: 64 }), xfwd: false })
proxy.on('error', (_error, _request, response) => {
  if ('writeHead' in response && !response.headersSent) response.writeHead(502).end()
})
const server = createServer((request, response) => proxy.web(request, response))
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}\n`))
process.once('SIGTERM', () => process.exit(0))

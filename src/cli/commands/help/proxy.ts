/** The `graph-doctor proxy --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor proxy [options]'],
  blocks: [
    {
      kind: 'text',
      text: "A local reverse proxy for Microsoft Graph and the token endpoint that diagnoses failures as they happen. Point your SDK's base URL at it (no certificate, no system proxy): requests and responses pass through byte for byte; each failed call prints one line with its most likely cause and the least-privileged permission. Paths under /v1.0 and /beta go to --upstream, every other path (token endpoint, discovery) to --login-upstream. Nothing is written to disk without --report.",
    },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--port N', text: 'port to listen on (default 0: a free port)' },
        { term: '--host ADDRESS', text: 'address to listen on (default 127.0.0.1; anything but loopback warns)' },
        { term: '--upstream URL', text: 'Graph upstream, any http(s) URL (default https://graph.microsoft.com; national clouds: https://graph.microsoft.us, https://microsoftgraph.chinacloudapi.cn)' },
        { term: '--login-upstream URL', text: 'identity-platform upstream (default https://login.microsoftonline.com)' },
        { term: '--json', text: 'one JSON result per failed call on stdout (the diagnose --format json result shape; a 502/504 the proxy answered itself has no findings and an upstreamError), for piping; the banner then goes to stderr' },
        { term: '--verbose', text: 'print successful calls too (they are only counted otherwise)' },
        { term: '--report DIR', text: 'on exit, write DIR/session.har (redacted), DIR/diagnosis.json and DIR/summary.md' },
        { term: '--max-requests N', text: 'stop after N completed requests' },
        { term: '--timeout SECONDS', text: 'how long to wait for the upstream\'s response headers, and then between pieces of its body: 504 after it (default 60; connecting has its own 10 s)' },
        { term: '--permissions FILE|DIR', text: 'permission data (default: GRAPH_DOCTOR_PERMISSIONS, else the cache of graph-doctor data update, else the bundled snapshot); loaded on the first failed call' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    {
      kind: 'text',
      text: 'The first line printed is the base URL to give your SDK, e.g. http://127.0.0.1:PORT/v1.0. Ctrl-C or SIGTERM stops: in-flight requests get up to 5 seconds to finish, then the proxy exits 0.',
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: ['graph-doctor proxy --port 8080', "graph-doctor proxy --json | jq -r '.findings[0].id'", 'graph-doctor proxy --upstream https://graph.microsoft.us --report ./graph-session'],
    },
  ],
}

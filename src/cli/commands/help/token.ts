/** The `graph-doctor token --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor token <jwt|FILE|-> [options]'],
  blocks: [
    {
      kind: 'text',
      text: 'Decodes an access token WITHOUT verifying it (Graph tokens carry a header nonce that only Graph can verify) and explains it. The first lines say for which API it is, which kind (delegated or app-only, work or personal account), which permissions it holds and until when it is valid at --now (default: now); then tenant, app, user, directory roles by name, xms_cc, acrs, amr, and one line per claim. "Bearer …" is accepted. An argument that names a file is read (the token, an Authorization line, or a token response JSON with access_token or accessToken, as az account get-access-token prints); - reads stdin, as does a pipe with no argument. The token itself and its signature are never printed: the signature only as its length.',
    },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--format text|json|markdown', text: 'output format (default text)' },
        { term: '--now ISO', text: 'judge iat/nbf/exp at this time, e.g. the time of a failed call' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: ['graph-doctor token "$TOKEN"', 'pbpaste | graph-doctor token -', 'graph-doctor token token.txt', 'az account get-access-token --resource-type ms-graph > t.json && graph-doctor token t.json', 'graph-doctor token --now 2026-11-20T10:00:00Z --format json - < token.txt'],
    },
    { kind: 'text', text: 'Exit codes: 0 the token was decoded (whatever its state), 2 not a token or usage.' },
  ],
}

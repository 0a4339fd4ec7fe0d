/** The `graph-doctor diagnose --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor diagnose [FILE...] [options]'],
  blocks: [
    {
      kind: 'text',
      text: 'Explains failed Microsoft Graph calls: the most likely cause first, the evidence and the exact fix. FILE is a HAR capture, a curl -v transcript, a raw HTTP exchange, a Graph or token-endpoint error body, an MSAL error (JSON), or an error text pasted from Microsoft Graph PowerShell, a Graph SDK (.NET, JavaScript, Python, Java), MSAL or the Azure CLI; - reads stdin, as does a pipe with no FILE (cat call.txt | graph-doctor diagnose). Several files are diagnosed in order. Without FILE, describe one call with the flags below (--url is needed unless --body is a token-endpoint error). A response without its request that names no cause exits 2 with what is missing.',
    },
    {
      kind: 'text',
      text: 'A HAR is read as a stream, entry by entry, with results written as they are made; any FILE or stdin may be gzip-compressed. Other inputs are read whole, up to 256 MiB; a HAR entry over 64 MiB is reported as unreadable and the rest diagnosed; a string value over 8 MiB is left out. A HAR cut off part-way gives the results before the cut (JSON stays one valid document), the error with its line and byte, and exit code 2.',
    },
    {
      kind: 'text',
      text: 'Text output shows each failed call in full and the healthy ones as one line (--all shows them too), then the failed calls counted by most probable cause. It wraps to the terminal width (COLUMNS, else 80 through a pipe); URLs and commands are never broken.',
    },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--method METHOD', text: 'HTTP method of the call (default GET)' },
        { term: '--url URL', text: 'the Graph URL that was called' },
        { term: '--status CODE', text: 'the response status, e.g. 403' },
        { term: '--token TOKEN|-', text: 'the access token that was sent (- reads it from stdin)' },
        { term: "--header 'Name: value'", text: 'a request or response header (repeatable), e.g. WWW-Authenticate' },
        { term: '--body TEXT', text: 'the response body' },
        { term: '--request-body TEXT', text: 'the request body' },
        { term: '--format text|json|markdown', text: 'output format (default text; colour only on a terminal, never with NO_COLOR)' },
        { term: '--all', text: 'show healthy calls in full too (text and markdown)' },
        { term: '--now ISO', text: 'judge token lifetimes at this time instead of the exchange time' },
        { term: '--permissions FILE|DIR', text: 'a permissions.json or a folder holding it (default: GRAPH_DOCTOR_PERMISSIONS, else the cache of graph-doctor data update, else the bundled snapshot)' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: [
        'graph-doctor diagnose capture.har',
        "graph-doctor diagnose --format json capture.har | jq '.results[].findings[].id'",
        'curl -sv --oauth2-bearer "$TOKEN" https://graph.microsoft.com/v1.0/me 2>&1 | graph-doctor diagnose -',
        'graph-doctor diagnose --url https://graph.microsoft.com/v1.0/users --status 403 --token "$TOKEN"',
      ],
    },
    { kind: 'text', text: 'Exit codes: 0 no error findings, 1 error findings, 2 unusable input or usage.' },
  ],
}

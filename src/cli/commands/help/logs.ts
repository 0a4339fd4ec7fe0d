/** The `graph-doctor logs --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor logs FILE... [options]', 'graph-doctor logs - [options]'],
  blocks: [
    {
      kind: 'text',
      text: 'Reads Microsoft Graph activity logs, sign-in logs and HAR captures of any size (gzip or not, the format found from the content) and reports every authorization failure: by cause, app, endpoint and missing permission, AADSTS codes with their fixes, and per app the permissions its tokens hold against the least-privileged set that covers the calls it made. Activity logs carry no token: the logged roles, scopes and directory roles are diagnosed as a token would be, each distinct group once. Records that cannot be read are counted and listed, never fatal.',
    },
    {
      kind: 'text',
      text: 'Inputs: HAR (streamed); activity logs as JSON lines, JSON arrays, CSV with the Log Analytics column names, or diagnostic-settings blobs ({"records":[…]} per line); sign-ins as Graph /auditLogs/signIns pages or SigninLogs, AADNonInteractiveUserSignInLogs and AADServicePrincipalSignInLogs exports; the grouped rows of graph-doctor kql (Count, FirstSeen, LastSeen, SampleRequestId weight each row). A pipe with no FILE is read as stdin.',
    },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--format text|json|markdown|csv|html', text: 'report format (default text); csv has one row per app × cause × endpoint; html is one self-contained page' },
        { term: '--partial FILE', text: 'also write a mergeable partial aggregate to FILE (see graph-doctor merge)' },
        { term: '--permissions FILE|DIR', text: 'permission data (default: GRAPH_DOCTOR_PERMISSIONS, else the cache of graph-doctor data update, else the bundled snapshot)' },
        { term: '--engine stream|duckdb', text: 'stream (default) reads the files here; duckdb pre-aggregates them with DuckDB (optional @duckdb/node-api)' },
        { term: '--workers N', text: 'read each large JSON-lines file with N threads (each takes blocks of it in turn; the report is the same as with one); default 1' },
        { term: '--now ISO', text: 'judge token lifetimes of HAR entries at this time' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: [
        'graph-doctor logs MicrosoftGraphActivityLogs.csv signins.json',
        'graph-doctor logs --format html activity.jsonl.gz > report.html',
        'graph-doctor logs --partial day1.partial.json day1/*.json && graph-doctor merge day*.partial.json',
      ],
    },
    { kind: 'text', text: 'A progress bar is drawn on stderr when it is a terminal. Exit codes: 0 no error findings, 1 failures with error findings or failed sign-ins, 2 unusable input or usage.' },
  ],
}

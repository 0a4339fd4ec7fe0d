/** The `graph-doctor kql --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor kql [--since 7d] [--table TABLE] [options]'],
  blocks: [
    {
      kind: 'text',
      text: "Prints a KQL query that does the heavy part of a tenant-scale log analysis where the logs already are (Log Analytics, Azure Data Explorer, Sentinel): it keeps the successful Graph calls and the 400/401/403 failures (or the failed sign-ins), cuts ids out of RequestUri to a path shape (/users/{id}/messages), and groups by app, method, path shape, status, roles, scopes and directory roles with Count, FirstSeen, LastSeen and a SampleRequestId. Export its result as CSV or JSON and give the file to graph-doctor logs, which diagnoses each group once and weights the report by Count. Nothing is sent anywhere: the query is only printed.",
    },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--since SPAN', text: 'how far back: a number and d, h or m (default 7d)' },
        {
          term: '--table TABLE',
          text: 'MicrosoftGraphActivityLogs (default; also: activity), signins (SigninLogs, AADNonInteractiveUserSignInLogs and AADServicePrincipalSignInLogs together), or one of those three tables',
        },
        { term: '--format text|json', text: 'text (default): the query alone, ready to paste; json: the query with its table, window and result columns' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: [
        'graph-doctor kql > graph-calls.kql',
        'graph-doctor kql --since 30d --table signins',
        'graph-doctor kql --table AADServicePrincipalSignInLogs --format json',
        'graph-doctor logs exported-result.csv',
      ],
    },
    { kind: 'text', text: 'Exit codes: 0 the query was printed, 2 usage.' },
  ],
}

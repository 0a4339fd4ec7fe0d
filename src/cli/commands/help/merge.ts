/** The `graph-doctor merge --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor merge PARTIAL... [options]'],
  blocks: [
    { kind: 'text', text: 'Merges the partial aggregates written by graph-doctor logs --partial (one per shard, day or machine) and prints the report of all of them: exactly the report one run over every input would give.' },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--format text|json|markdown|csv|html', text: 'report format (default text)' },
        { term: '--partial FILE', text: 'also write the merged partial aggregate to FILE' },
        { term: '--permissions FILE|DIR', text: 'permission data for the least-privilege audit (default as for logs)' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    { kind: 'commands', title: 'Examples:', lines: ['graph-doctor merge shard-*.partial.json --format html > report.html'] },
    { kind: 'text', text: 'Exit codes: 0 no error findings, 1 failures with error findings or failed sign-ins, 2 unusable partial or usage.' },
  ],
}

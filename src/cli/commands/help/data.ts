/** The `graph-doctor data --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor data update [--from URL|DIR|FILE] [--format text|json]', 'graph-doctor data status [--format text|json]'],
  blocks: [
    {
      kind: 'rows',
      title: 'Sub-commands:',
      rows: [
        {
          term: 'update',
          text: 'downloads permissions.json, provisioningInfo.json and permissions-descriptions.json from microsoftgraph/microsoft-graph-devx-content (MIT), validates them, builds a fast index and swaps them into the cache atomically: a failed update leaves the previous data in use. --from takes a mirror\'s base URL, a directory holding the three files (or permissions.json alone), or a permissions.json with the GUID files beside it (air-gapped machines). Progress goes to stderr on a terminal; the summary line always.',
        },
        {
          term: 'status',
          text: 'says which data diagnose and perms use and how old it is, shows what the cache holds (source, date, sizes, sha256, counts) and re-checks every file and the bundled snapshot.',
        },
      ],
    },
    {
      kind: 'text',
      text: 'Without a cache, graph-doctor uses the permission snapshot bundled with it (upstream data of a pinned date); a cache older than that snapshot gives way to it.',
    },
    {
      kind: 'text',
      text: 'The cache is $GRAPH_DOCTOR_CACHE_DIR, else $XDG_CACHE_HOME/graph-doctor, else ~/.cache/graph-doctor (Linux), ~/Library/Caches/graph-doctor (macOS), %LOCALAPPDATA%\\graph-doctor\\Cache (Windows). GRAPH_DOCTOR_PERMISSIONS and --permissions FILE take precedence over it.',
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: ['graph-doctor data update', 'graph-doctor data update --from ./devx-content/', 'graph-doctor data status --format json'],
    },
    { kind: 'text', text: 'Exit codes: 0 done / data is available, 1 the cache is damaged or no data is usable (status), 2 download failed, invalid data or usage.' },
  ],
}

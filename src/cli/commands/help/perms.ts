/** The `graph-doctor perms --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor perms <METHOD> <URL or path> [options]'],
  blocks: [
    {
      kind: 'text',
      text: 'Shows the permissions a Microsoft Graph call accepts, like the tables of the Graph docs: the matched template, then per permission type (delegated work or school, delegated personal, application) the least-privileged and the higher-privileged permissions, whether each needs admin consent, and its GUID. With --token, says whether the token is enough and, if not, what to add, the admin-consent URL and the Azure CLI and Microsoft Graph PowerShell commands. The METHOD may be left out for GET. The token is decoded, never verified, never printed.',
    },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--token T|-', text: 'an access token (or "Bearer …"), - reads it from stdin' },
        { term: '--permissions FILE|DIR', text: 'permission data (default: GRAPH_DOCTOR_PERMISSIONS, else the cache of graph-doctor data update, else the bundled snapshot)' },
        { term: '--format text|json|markdown', text: 'output format (default text)' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: [
        'graph-doctor perms GET /users/{id}/messages',
        'graph-doctor perms POST https://graph.microsoft.com/v1.0/me/sendMail --token "$TOKEN"',
        'pbpaste | graph-doctor perms GET /me/events --token - --format markdown',
      ],
    },
    {
      kind: 'text',
      text: 'Exit codes: 0 shown (and the token is enough), 1 the token is not enough, or no catalogued endpoint matches the request, 2 usage (including a URL on a host other than Microsoft Graph, e.g. SharePoint or Outlook REST), unreadable token or no permission data.',
    },
  ],
}

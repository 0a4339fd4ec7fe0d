/** The `graph-doctor aadsts --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor aadsts <code|text|-> [options]'],
  blocks: [
    {
      kind: 'text',
      text: 'Explains Microsoft Entra (AADSTS) sign-in and token error codes offline: the symbolic name, what kind of problem it is, the graph-doctor finding it maps to, the fix, and Microsoft\'s lookup page. Give a code (50076, AADSTS50076 or "AADSTS 50076"), several codes, or a whole error text or JSON body containing them; - reads the text from stdin, as does a pipe with no argument. Each code found gets its own block.',
    },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--format text|json|markdown', text: 'output format (default text)' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: ['graph-doctor aadsts 7000215', 'graph-doctor aadsts AADSTS65001 AADSTS50076', 'pbpaste | graph-doctor aadsts -', 'graph-doctor aadsts --format json - < token-error.json'],
    },
    { kind: 'text', text: 'Exit codes: 0 every code is known, 1 a code is not in graph-doctor\'s table, 2 no code found or usage.' },
  ],
}

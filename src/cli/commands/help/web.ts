/** The `graph-doctor web --help` text: its own module so that help loads nothing else. */
import type { HelpDoc } from '../../../render/layout/help.js'

export const help: HelpDoc = {
  usage: ['graph-doctor web [options]'],
  blocks: [
    {
      kind: 'text',
      text: 'Serves the graph-doctor web page on 127.0.0.1 and opens it in your browser: paste or drop a token, an error, a HAR or a log export and see the diagnosis. The page runs entirely in the browser, with the bundled permission snapshot inside it; its Content-Security-Policy forbids every connection, and it stores nothing. The same page works as a file: dist/web/graph-doctor.html inside the installed graph-doctor package or a built clone.',
    },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '--port N', text: 'port to listen on (default 0: a free port)' },
        { term: '--no-open', text: 'do not open a browser; just print the URL' },
        { term: '-h, --help', text: 'show this help' },
      ],
    },
    { kind: 'text', text: 'The first line printed is the URL. Ctrl-C or SIGTERM stops the server (exit 0).' },
    { kind: 'commands', title: 'Examples:', lines: ['graph-doctor web', 'graph-doctor web --no-open --port 8080'] },
  ],
}

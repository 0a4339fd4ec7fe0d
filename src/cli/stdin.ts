/** What stdin is, so that a pipe is read without `-` and a terminal is told what it waits for. */
import { fstatSync } from 'node:fs'
import type { ParsedArgs } from './args.js'
import type { CliIo } from './command.js'

/**
 * `data`: a pipe or a redirected file (`cat x | graph-doctor diagnose`, `< x`); `terminal`: a person at
 * a keyboard; `none`: closed, `/dev/null`, or a socket a parent process may hold open without writing
 * (Node's `child_process` pipes are sockets: reading one unasked could wait forever).
 */
export type StdinKind = 'terminal' | 'data' | 'none'

export function processStdinKind(): StdinKind {
  try {
    const stats = fstatSync(0)
    if (stats.isFIFO() || stats.isFile()) return 'data'
    if (stats.isCharacterDevice() && process.getBuiltinModule('node:tty').isatty(0)) return 'terminal'
  } catch {
    // stdin closed: nothing to read
  }
  return 'none'
}

/** Said on stderr before waiting on a terminal, so a run never sits silent. */
export const TERMINAL_STDIN_HINT = 'graph-doctor: reading stdin from the terminal: paste the input, then press Ctrl-D on a line of its own (Ctrl-Z then Enter on Windows)\n'

/** No input argument and data piped in: read stdin, as if `-` were given. */
export function withPipedStdin(args: ParsedArgs, io: CliIo): ParsedArgs {
  return args.positionals.length === 0 && io.stdinKind?.() === 'data' ? { ...args, positionals: ['-'] } : args
}

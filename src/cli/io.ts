/** The real {@link CliIo} of the process, and decoding input bytes safely as text. */
import type { CliIo } from './command.js'
import { GraphDoctorError } from '../core/errors.js'
import { redactSecrets } from '../core/redact.js'
import { createPartsRedactor, fillTemplate } from '../core/redact/template.js'
import { outputWidth } from '../render/layout/wrap.js'
import { binaryOffset, utf8ErrorOffset } from './bytes.js'
import { processOutput, processTarget } from './process-output.js'
import { processStdinKind, TERMINAL_STDIN_HINT } from './stdin.js'

async function readAllStdin(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array)
  return Buffer.concat(chunks)
}

/**
 * The io with every write redacted: the one place output leaves the program, so no renderer, command
 * or error message can forget it.
 */
export function redactingIo(io: CliIo): CliIo {
  const redactParts = createPartsRedactor(redactSecrets)
  return {
    ...io,
    stdout: (text) => io.stdout(redactSecrets(text)),
    // A filled template's fixed text is checked once, each value once: a long capture's healthy results are not scanned again and again.
    stdoutParts: (parts) => {
      const pieces = redactParts(parts)
      if (io.stdoutParts === undefined) io.stdout(pieces.join(''))
      else io.stdoutParts(pieces)
    },
    stderr: (text) => io.stderr(redactSecrets(text)),
  }
}

/** The process's own io, and how to wait until its output has left. */
export interface ProcessIo {
  readonly io: CliIo
  /** Calls `done` once stdout and stderr have taken everything written (before `process.exit`). */
  readonly flush: (done: () => void) => void
}

/**
 * The CliIo bound to this process: stdout, stderr, stdin, env and cwd. `onBrokenPipe` runs when the
 * reader of stdout has gone (`EPIPE`). `mayBlock: false` (a server) writes through Node's streams
 * only, which never wait for a slow reader.
 */
export function createProcessIo(onBrokenPipe: () => void, mayBlock = true): ProcessIo {
  const stdout = processOutput(processTarget(1, mayBlock), onBrokenPipe)
  const stderr = processOutput(processTarget(2, mayBlock), () => undefined)
  const announceTerminal = (): void => {
    if (processStdinKind() === 'terminal') stderr.write(TERMINAL_STDIN_HINT)
  }
  const io: CliIo = {
    stdout: (text) => stdout.write(text),
    // Not redacted here: main.ts wraps this io in redactingIo, which checks every part first.
    // Each piece encoded on its own, then one write: a long string joined from many pieces, one of them past Latin-1, encodes many times slower.
    stdoutParts: (parts) => stdout.write(Buffer.concat(parts.map((part) => Buffer.from(typeof part === 'string' ? part : fillTemplate(part), 'utf8')))),
    stderr: (text) => stderr.write(text),
    readStdin: async () => {
      announceTerminal()
      return decodeInputBytes(await readAllStdin(), 'stdin')
    },
    stdinChunks: () => {
      announceTerminal()
      return process.stdin
    },
    stdinKind: processStdinKind,
    stdoutDrained: stdout.drained,
    isTTY: stdout.isTTY,
    stderrIsTTY: stderr.isTTY,
    ...(stdout.columns === undefined ? {} : { columns: stdout.columns }),
    env: process.env,
    cwd: process.cwd(),
  }
  return { io, flush: (done) => stdout.flush(() => stderr.flush(done)) }
}

/**
 * Colour only on a terminal, never with NO_COLOR (any non-empty value) or TERM=dumb. FORCE_COLOR
 * (any value but `0` or `false`) turns it on for a pipe, as most tools do; NO_COLOR still wins.
 */
export function shouldUseColour(io: CliIo): boolean {
  const noColour = io.env['NO_COLOR']
  if (noColour !== undefined && noColour !== '') return false
  const force = io.env['FORCE_COLOR']
  if (force !== undefined && force !== '0' && force !== 'false') return true
  if (io.env['TERM'] === 'dumb') return false
  return io.isTTY
}

/**
 * The width to wrap text output to: `COLUMNS` when set to a number (as most tools honour it, for a
 * pipe too), else the terminal's columns, else 80.
 */
export function outputColumns(io: CliIo): number {
  const fromEnv = Number(io.env['COLUMNS'])
  if (/^\d+$/.test(io.env['COLUMNS'] ?? '') && fromEnv > 0) return outputWidth(fromEnv)
  return outputWidth(io.columns)
}

/**
 * Decode input bytes as text: UTF-8 (BOM stripped) or UTF-16 with a BOM. Empty input and binary data
 * are errors naming the input.
 */
export function decodeInputBytes(bytes: Uint8Array, name: string): string {
  const isUtf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
  const binary = binaryOffset(bytes)
  if (binary !== undefined) {
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: byte ${binary}: binary data, not a HAR, curl -v transcript, HTTP exchange or error body`)
  }
  let text: string
  try {
    const encoding = isUtf16 ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8'
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch (error) {
    const where = isUtf16 ? '' : ` at byte ${utf8ErrorOffset(bytes)}`
    throw new GraphDoctorError('ERR_INPUT_FORMAT', `${name}: not valid ${isUtf16 ? 'UTF-16' : 'UTF-8'} text${where} (binary data?)`, { cause: error })
  }
  // TextDecoder already drops a leading BOM; a regex test stops at the first visible character, so a
  // 40 MB HAR is not copied just to learn that it is not empty.
  if (!/[^\s\ufeff]/.test(text)) throw new GraphDoctorError('ERR_INPUT_EMPTY', `${name}: the input is empty`)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** The reason a file cannot be read, in a few words. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'is a directory, not a file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`
}

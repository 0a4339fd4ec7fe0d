/**
 * stdout and stderr of the process, written with `fs.writeSync` on their file descriptors while they
 * are a pipe, a socket, a file or `/dev/null`. `process.stdout` of a pipe is a `net.Socket`: touching it loads
 * node:net and the stream modules (about 35 internal modules), a few milliseconds of a run that writes
 * one result. A terminal (and Windows) keeps Node's own stream, which knows its width; so does a
 * pipe that the other end made non-blocking, once it is full (`EAGAIN`), from then on and in order.
 */
import { fstatSync, statSync, writeSync } from 'node:fs'

/** One of the two output streams: written directly, or through Node's stream once it must be. */
export interface ProcessOutput {
  readonly write: (data: string | Uint8Array) => void
  /** Resolves once a slow pipe can take more (only a Node stream ever needs to wait). */
  readonly drained: () => Promise<void>
  /** Calls `done` once everything written has left the process. */
  readonly flush: (done: () => void) => void
  /** Whether it is a terminal: only then is `process.stdout`/`process.stderr` asked (and loaded). */
  readonly isTTY: boolean
  /** The terminal's columns, when it is one. */
  readonly columns: number | undefined
}

/** What the writer needs of a Node stream (`process.stdout`). */
export interface OutputStream {
  write(data: string | Uint8Array, done?: () => void): unknown
  once(event: 'drain', listener: () => void): unknown
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown
  readonly writableNeedDrain: boolean
  readonly isTTY?: boolean
  readonly columns?: number
}

/** Where an output goes: the descriptor's kind and its writers (tests pass their own). */
export interface OutputTarget {
  /** A pipe, socket or file, written with `writeSome`; otherwise (a terminal) only through `stream`. */
  readonly direct: boolean
  /** Writes some of `bytes` from `offset` on, returns how many; throws `EAGAIN`/`EPIPE` as writeSync does. */
  readonly writeSome: (bytes: Uint8Array, offset: number) => number
  readonly stream: () => OutputStream
}

/**
 * The target of stdout (1) or stderr (2) of this process. `mayBlock: false` keeps Node's stream even
 * for a pipe: a server must go on serving while a slow reader empties it (writeSync would wait).
 */
export function processTarget(fd: 1 | 2, mayBlock = true): OutputTarget {
  return {
    direct: mayBlock && isDirectlyWritable(fd),
    writeSome: (bytes, offset) => writeSync(fd, bytes, offset, bytes.length - offset),
    stream: () => (fd === 1 ? process.stdout : process.stderr),
  }
}

/**
 * A pipe, a socket, a file or `/dev/null`. Another character device may be a terminal: Node's stream
 * knows. `/dev/null` (`diagnose x.har > /dev/null` in a script that wants only the exit code) through
 * Node's stream loaded its stream modules: about 4 ms of CPU more than a pipe for `--version`.
 */
function isDirectlyWritable(fd: number): boolean {
  if (process.platform === 'win32') return false
  try {
    const stats = fstatSync(fd)
    return stats.isFIFO() || stats.isFile() || stats.isSocket() || (stats.isCharacterDevice() && isNullDevice(stats.rdev))
  } catch {
    return false // closed or unusual: Node's stream reports it as it always did
  }
}

function isNullDevice(rdev: number): boolean {
  const nullDevice = statSync('/dev/null')
  return nullDevice.isCharacterDevice() && nullDevice.rdev === rdev
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown }).code
}

/**
 * The output to `target`. `onBrokenPipe` runs when the reader has gone (`EPIPE`), whether a direct
 * write or Node's stream says so.
 */
export function processOutput(target: OutputTarget, onBrokenPipe: () => void): ProcessOutput {
  let stream: OutputStream | undefined
  const streamed = (): OutputStream => {
    if (stream === undefined) {
      stream = target.stream()
      stream.on('error', (error) => {
        if (error.code === 'EPIPE') onBrokenPipe()
      })
    }
    return stream
  }
  const terminal = target.direct ? undefined : streamed()
  const isTTY = terminal?.isTTY === true
  const write = (data: string | Uint8Array): void => {
    if (stream !== undefined) {
      stream.write(data)
      return
    }
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    let offset = 0
    try {
      while (offset < bytes.length) offset += target.writeSome(bytes, offset)
    } catch (error) {
      if (errorCode(error) === 'EPIPE') return onBrokenPipe()
      if (errorCode(error) !== 'EAGAIN') throw error
      streamed().write(bytes.subarray(offset))
    }
  }
  return {
    write,
    drained: async () => {
      const current = stream
      if (current?.writableNeedDrain === true) await new Promise<void>((done) => current.once('drain', done))
    },
    flush: (done) => {
      if (stream === undefined) done()
      else stream.write('', done)
    },
    isTTY,
    columns: isTTY && terminal?.columns !== undefined && terminal.columns > 0 ? terminal.columns : undefined,
  }
}

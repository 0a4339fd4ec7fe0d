/**
 * The streaming side of `diagnose`: exchanges come in one at a time (a HAR entry by entry), results
 * go out as they are made, through a {@link DiagnosisWriter}. Memory stays bounded by one entry and
 * the caches, whatever the size of the capture.
 */
import type { Exchange } from '../core/exchange.js'
import type { Diagnoser } from '../core/diagnose.js'
import type { DiagnosisResult } from '../core/types.js'
import { joinParts, type FilledTemplate, type OutputPart } from '../core/redact/template.js'
import { hasErrorFinding, type DiagnosisWriter } from '../render/diagnosis/writer.js'
import type { CliIo } from './command.js'
import { EXIT, type ExitCode } from './exit-code.js'

/**
 * Output is held back until it reaches this many characters (UTF-16 code units, about as many bytes),
 * so that a small input that turns out unusable prints only its error.
 */
const HOLD_CHARS = 256 * 1024
/** Pieces are passed to stdout in writes of about this many characters. */
const WRITE_CHARS = 64 * 1024

/** stdout with a hold-back buffer: nothing is written until there is enough, or the end. */
export class OutputSink {
  private pending: OutputPart[] = []
  private pendingLength = 0
  private warnings: string[] = []
  /** True once something was written: from then on an error must still close the document. */
  started = false
  private readonly io: CliIo

  constructor(io: CliIo) {
    this.io = io
  }

  /** Hold `text` back; a promise only when enough is held to write (an `await` per result cost a microtask each). */
  write(text: OutputPart | readonly OutputPart[]): Promise<void> | undefined {
    if (typeof text === 'string' || !Array.isArray(text)) this.add(text as OutputPart)
    else for (const part of text as readonly OutputPart[]) this.add(part)
    return this.pendingLength >= (this.started ? WRITE_CHARS : HOLD_CHARS) ? this.flush() : undefined
  }

  private add(part: OutputPart): void {
    this.pending.push(part)
    this.pendingLength += typeof part === 'string' ? part.length : partLength(part)
  }

  /** A warning line for stderr, held back with the output (an unusable input prints only its error). */
  warn(line: string): void {
    if (this.started) this.io.stderr(line)
    else this.warnings.push(line)
  }

  async flush(): Promise<void> {
    if (this.pendingLength === 0) return
    this.started = true
    for (const line of this.warnings) this.io.stderr(line)
    this.warnings = []
    if (this.io.stdoutParts !== undefined) this.io.stdoutParts(this.pending)
    else this.io.stdout(joinParts(this.pending))
    this.pending = []
    this.pendingLength = 0
    await this.io.stdoutDrained?.()
  }

  /** Drop what was held back (the run failed before anything was written). */
  discard(): void {
    this.warnings = []
    this.pending = []
    this.pendingLength = 0
  }
}

export interface StreamDiagnosisInput {
  /** The exchanges in order, one by one or in arrays (a HAR's entries that end in one chunk: an `await` per entry cost microtasks). */
  readonly exchanges: AsyncIterable<Exchange | readonly Exchange[]>
  readonly writer: DiagnosisWriter
  /** The diagnoser for an exchange (the CLI loads the permission data when the first call needs it). */
  readonly diagnoserFor: (exchange: Exchange, warn: (line: string) => void) => Promise<Diagnoser> | Diagnoser
  /** Throws when a result shows that its exchange could not really be diagnosed (the run then exits 2). */
  readonly checkResult?: (exchange: Exchange, result: DiagnosisResult) => void
  readonly io: CliIo
}

/**
 * Diagnose and write every exchange; the exit code is 1 when any result holds an error finding.
 * When the input turns out unusable part-way (a HAR cut off), what was written is closed as a whole
 * document (valid JSON), and the error is thrown for the caller to report (exit code 2).
 */
export async function streamDiagnosis({ exchanges, writer, diagnoserFor, checkResult, io }: StreamDiagnosisInput): Promise<ExitCode> {
  const sink = new OutputSink(io)
  const warn = (line: string): void => sink.warn(line)
  let failed = false
  try {
    await sink.write(writer.begin?.() ?? '')
    for await (const batch of exchanges) {
      for (const exchange of isExchangeList(batch) ? batch : [batch]) {
        const pending = diagnoserFor(exchange, warn)
        const diagnoser = pending instanceof Promise ? await pending : pending
        for (const result of diagnoser.diagnose(exchange)) {
          checkResult?.(exchange, result)
          failed ||= hasErrorFinding(result)
          const written = sink.write(writer.resultPart === undefined ? writer.result(result) : writer.resultPart(result))
          if (written !== undefined) await written
        }
      }
    }
  } catch (error) {
    if (!sink.started) {
      sink.discard()
      throw error
    }
    await sink.write(writer.end())
    await sink.flush()
    throw error
  }
  await sink.write(writer.end())
  await sink.flush()
  return failed ? EXIT.findings : EXIT.ok
}

function isExchangeList(batch: Exchange | readonly Exchange[]): batch is readonly Exchange[] {
  return Array.isArray(batch)
}

function partLength({ template, values }: FilledTemplate): number {
  let length = 0
  for (const part of template.parts) length += part.length
  for (const value of values) length += value.length
  return length
}

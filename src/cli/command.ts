import type { OutputPart } from '../core/redact/template.js'
import type { StdinKind } from './stdin.js'

/** What a command may do to the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void
  /**
   * stdout for output made partly of filled templates (see `core/redact/template.ts`): the same as
   * `stdout` of their text, which is what callers fall back to when it is absent.
   */
  readonly stdoutParts?: (parts: readonly OutputPart[]) => void
  readonly stderr: (text: string) => void
  readonly readStdin: () => Promise<string>
  /** stdin as raw byte chunks, for inputs read as a stream (a HAR); falls back to `readStdin`. */
  readonly stdinChunks?: () => AsyncIterable<Uint8Array>
  /** Resolves once stdout can take more output (a slow pipe); absent means always. */
  readonly stdoutDrained?: () => Promise<void>
  /** What stdin is (see `stdin.ts`); absent means `none`: never read unasked. */
  readonly stdinKind?: () => StdinKind
  /** stdout is a terminal (colour allowed unless NO_COLOR is set). */
  readonly isTTY: boolean
  /** Columns of the stdout terminal, when it is one. */
  readonly columns?: number
  /** stderr is a terminal (a progress bar is allowed there). */
  readonly stderrIsTTY?: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/**
 * A sub-command: `src/cli/commands/<name>.ts` exports `run: Command`. It returns the exit code
 * (0 fine, 1 error findings, 2 unusable input or usage) and throws only GraphDoctorError for
 * usage or input problems, which main.ts prints as one line and turns into exit code 2.
 */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>

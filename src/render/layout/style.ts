/**
 * Terminal styling for the text renderers. Pure: emits ANSI escape codes only when `colour` is true,
 * so the renderer stays testable and the CLI decides (TTY, `NO_COLOR`, `FORCE_COLOR`).
 */
import type { Severity } from '../../core/types.js'

export interface Style {
  readonly bold: (text: string) => string
  readonly dim: (text: string) => string
  readonly red: (text: string) => string
  readonly yellow: (text: string) => string
  readonly cyan: (text: string) => string
  readonly green: (text: string) => string
}

const ESC = '\u001b['

function wrap(open: number, close: number): (text: string) => string {
  return (text) => `${ESC}${open}m${text}${ESC}${close}m`
}

const identity = (text: string): string => text

const plainStyle: Style = { bold: identity, dim: identity, red: identity, yellow: identity, cyan: identity, green: identity }

const ansiStyle: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  green: wrap(32, 39),
}

/**
 * The styling functions for one output: ANSI codes when `colour` is true, the identity otherwise.
 *
 * @example
 * makeStyle(false).red('error') // 'error'
 */
export function makeStyle(colour: boolean): Style {
  return colour ? ansiStyle : plainStyle
}

/** The severity marker of a finding, e.g. `✖ error`, coloured by severity. */
export function severityMarker(severity: Severity, style: Style): string {
  if (severity === 'error') return style.red(style.bold('✖ error'))
  if (severity === 'warning') return style.yellow(style.bold('▲ warning'))
  return style.cyan('ℹ info')
}

/** Matches every ANSI SGR escape sequence; for tests and width calculations. */
export const ANSI_PATTERN = /\u001b\[[0-9;]*m/g

/** The text with every ANSI escape sequence removed. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '')
}

/**
 * A fix step split into prose and code, so that every renderer shows commands whole: on their own
 * lines in text, as fenced blocks in Markdown. A step is one line of prose, optionally followed by
 * lines of code (fences allowed); commands quoted inline in the prose (`az …`, PowerShell, MSAL calls)
 * are lifted out of it too.
 */

/** Prose, or lines of code to copy as they are. */
export type FixPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly lines: readonly string[]; readonly language: CodeLanguage }

/** The fence language of a code block; empty when unknown. */
export type CodeLanguage = 'sh' | 'powershell' | ''

/** Starts of shell and PowerShell commands that graph-doctor's fixes quote. */
const COMMAND_START = /^(?:az |curl |npm |npx |graph-doctor |Connect-Mg|Install-Module |\$\w+ = |if \(\$|[A-Z][a-z]+-(?:Mg|SPO|PnP|Application|Management|ServicePrincipal)\w*\b)/
/** Inline code with spaces at least this long is a statement or a command, not a name. */
const LONG_CODE = 24

/** Whether inline code is a command or a statement to copy, rather than a name inside a sentence. */
export function isCommandCode(code: string): boolean {
  const text = code.trim()
  if (COMMAND_START.test(text)) return true
  // A call such as `app.AcquireTokenSilent(scopes).ExecuteAsync()` is a statement, spaces or not.
  if (text.length >= LONG_CODE && /\w\([^()]*\)/.test(text) && !/^https?:\/\//.test(text)) return true
  return /\s/.test(text) && text.length >= LONG_CODE && !/^(?:https?:\/\/|-)/.test(text)
}

/** The fence language that suits these lines. */
export function codeLanguage(lines: readonly string[]): CodeLanguage {
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? ''
  if (/^(?:az|curl|npm|npx|graph-doctor) /.test(first)) return 'sh'
  if (/^(?:\$\w+ = |if \(\$|[A-Z][a-z]+-[A-Z]\w+)/.test(first)) return 'powershell'
  return ''
}

/** A code span: its start, its length with the backticks, and the code inside. */
interface CodeSpan {
  readonly start: number
  readonly length: number
  readonly code: string
}

/** Longer runs of backticks never open a span (our fixes use one to three). */
const MAX_FENCE = 8

/**
 * The code spans of a line, left to right, as `/(`+)([\s\S]+?)\1/g` finds them (a run of backticks, at
 * least one character, the same run again), by hand and in linear time: that regex was not.
 */
export function codeSpans(line: string): CodeSpan[] {
  const spans: CodeSpan[] = []
  // A fence that is absent after some position is absent after every later one.
  const absentFrom: number[] = []
  let at = line.indexOf('`')
  while (at >= 0) {
    let run = 0
    while (line[at + run] === '`') run += 1
    const span = run > MAX_FENCE ? undefined : codeSpanAt(line, at, run, absentFrom)
    if (span !== undefined) spans.push(span)
    at = line.indexOf('`', span === undefined ? (run > MAX_FENCE ? at + run : at + 1) : at + span.length)
  }
  return spans
}

function codeSpanAt(line: string, start: number, run: number, absentFrom: number[]): CodeSpan | undefined {
  for (let ticks = run; ticks >= 1; ticks -= 1) {
    const from = start + ticks + 1
    if (from >= (absentFrom[ticks] ?? Infinity)) continue
    const close = line.indexOf('`'.repeat(ticks), from)
    if (close >= 0) return { start, length: close + ticks - start, code: line.slice(start + ticks, close) }
    absentFrom[ticks] = from
  }
  return undefined
}

/** Index of the last `(` of `text` that no `)` closes, or -1. */
function unclosedParenthesis(text: string): number {
  let depth = 0
  for (let i = text.length - 1; i >= 0; i--) {
    const char = text.charCodeAt(i)
    if (char === 41) depth++
    else if (char === 40 && depth-- === 0) return i
  }
  return -1
}

/**
 * The prose before a lifted command whose `(` the `)` after it closes (`provider (e.g. `cmd`)`): the
 * pair cannot survive the command moving to its own line, so a trailing `(` goes, and an earlier one
 * becomes a comma (`provider, e.g.`).
 */
function withoutUnclosedParenthesis(text: string): string {
  const open = unclosedParenthesis(text)
  if (open === -1) return text
  const before = text.slice(0, open).trimEnd()
  const after = text.slice(open + 1).trim()
  return after === '' ? before : `${before}, ${after}`
}

/** One line of prose: inline commands lifted into code parts of their own. */
export function splitProse(line: string): FixPart[] {
  const parts: FixPart[] = []
  let cursor = 0
  const pushText = (text: string): void => {
    if (text.trim() !== '') parts.push({ kind: 'text', text: text.trim() })
  }
  for (const span of codeSpans(line)) {
    const code = span.code.trim()
    const start = span.start
    if (!isCommandCode(code) || start < cursor) continue
    // Punctuation left alone around a lifted command would stand on a line by itself; a `)` goes only
    // with the `(` it closes, so no parenthesis is left open.
    const prose = line.slice(cursor, start)
    const closes = line.charCodeAt(start + span.length) === 41 && unclosedParenthesis(prose) !== -1
    pushText(closes ? withoutUnclosedParenthesis(prose) : prose.trimEnd().endsWith('(') ? prose.trimEnd().slice(0, -1) : prose)
    parts.push({ kind: 'code', lines: [code], language: codeLanguage([code]) })
    cursor = start + span.length + (closes ? 1 : 0)
    cursor += /^[.,;:]*/.exec(line.slice(cursor))?.[0].length ?? 0
  }
  pushText(line.slice(cursor))
  return parts
}

/**
 * The parts of a fix step, in order.
 *
 * @example
 * fixParts('Azure CLI:\naz ad app permission admin-consent --id <app-id>')
 * // [{ kind: 'text', text: 'Azure CLI:' }, { kind: 'code', lines: ['az ad app …'], language: 'sh' }]
 */
export function fixParts(step: string): FixPart[] {
  const [first = '', ...rest] = step.split('\n')
  const isCommandLine = COMMAND_START.test(first.trim())
  const parts: FixPart[] = isCommandLine ? [{ kind: 'code', lines: [first.trim()], language: codeLanguage([first]) }] : splitProse(first)
  const lines = rest.filter((line) => !/^```\w*\s*$/.test(line))
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop()
  if (lines.length > 0) parts.push({ kind: 'code', lines, language: codeLanguage(lines) })
  return parts
}

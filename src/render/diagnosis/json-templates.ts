/**
 * Results whose JSON repeats, made once as templates with holes (see `core/redact/template.ts`, which
 * lets the redacting stdout check a template's fixed text once):
 *
 * - a healthy result (no finding, not a `$batch` part) differs from the last with the same token,
 *   method and status only by its source, URL and time;
 * - a result with findings has a hole at each string member (`json-holes.ts`), in two pieces:
 *   failures laid out alike share their templates; one the diagnoser remembered (the same findings,
 *   request, status, time and token objects as an earlier result) differs from it only by its source.
 */
import { OutputTemplate, type FilledTemplate } from '../../core/redact/template.js'
import type { DiagnosisResult } from '../../core/types.js'
import { JsonHoles } from './json-holes.js'
import { nestedResultJson, type TokenJsonCache } from './json-result.js'

/** Stand for a result's own values while its template is made (never redacted away, never in real input). */
const SOURCE = '\u0000graph-doctor-source'
/** A result's findings member: at the result's indentation, so no nested member or string (its line breaks escaped) is it. */
const FINDINGS_MEMBER = ',\n      "findings": ['
/** How a result's JSON starts after its separator: its source is its first value. */
const SOURCE_LEAD = '{\n      "source": '
const HEALTHY_SLOTS = [SOURCE, '\u0000graph-doctor-url', '\u0000graph-doctor-judged-at'] as const

/** A result with findings seen once: the objects a repeat must share with it, and its pieces (its source the first value). */
interface Seen {
  readonly request: DiagnosisResult['request']
  readonly status: number | null
  readonly judgedAt: string
  readonly token: unknown
  readonly separator: string
  readonly pieces: readonly FilledTemplate[] | undefined
}

/** The templates of one writer's results (see the module comment). */
export class ResultTemplates {
  private readonly repeated = new WeakMap<object, Seen>()
  private readonly byToken = new WeakMap<object, Map<string, OutputTemplate | null>>()
  private readonly tokenless = new Map<string, OutputTemplate | null>()
  private readonly redact: (text: string) => string
  private readonly tokens: TokenJsonCache
  private readonly holes = new JsonHoles()

  constructor(redact: (text: string) => string, tokens: TokenJsonCache) {
    this.redact = redact
    this.tokens = tokens
  }

  /** The result as filled templates (its pieces in order), or undefined when its JSON is made on its own. */
  filled(result: DiagnosisResult, separator: string): readonly FilledTemplate[] | undefined {
    if (result.findings.length > 0) return this.withFindings(result, separator)
    const healthy = this.healthy(result, separator)
    return healthy === undefined ? undefined : [healthy]
  }

  /**
   * A result with findings: its JSON with a hole at each string member, in pieces laid out like
   * other failures' (`json-holes.ts`); a repeat (the same findings, request and token objects as an
   * earlier result, see `core/diagnose-memo.ts`) fills the earlier result's pieces with its own source.
   */
  private withFindings(result: DiagnosisResult, separator: string): readonly FilledTemplate[] | undefined {
    const token = (result as { readonly token?: unknown }).token
    const seen = result.batch === undefined ? this.repeated.get(result.findings) : undefined
    const same = seen !== undefined && seen.request === result.request && seen.status === result.status && seen.judgedAt === result.judgedAt && seen.token === token
    const head = same && seen.separator === separator ? seen.pieces?.[0] : undefined
    if (head !== undefined && seen?.pieces !== undefined) {
      const values = head.values.slice()
      values[0] = JSON.stringify(this.redact(result.source))
      const pieces = seen.pieces.slice()
      pieces[0] = { template: head.template, values }
      return pieces
    }
    const pieces = this.pieces(separator + nestedResultJson(result, this.redact, this.tokens))
    if (seen === undefined && result.batch === undefined) {
      const sourceFirst = pieces?.[0]?.template.parts[0] === `${separator}${SOURCE_LEAD}`
      this.repeated.set(result.findings, { request: result.request, status: result.status, judgedAt: result.judgedAt, token, separator, pieces: sourceFirst ? pieces : undefined })
    }
    return pieces
  }

  /**
   * A result's JSON in two pieces, each with holes: up to its token (laid out by the token) and its
   * findings (laid out by the findings, whatever the token), so that the layouts of a capture's
   * failures are a few dozen, not one per token and finding. Pieces meet as results do: after the
   * token's closing `}`, before `,` and a line break.
   */
  private pieces(text: string): readonly FilledTemplate[] | undefined {
    const at = text.indexOf(FINDINGS_MEMBER)
    const head = at > 0 && text.endsWith('}', at) ? this.holes.fill(text.slice(0, at)) : undefined
    const rest = this.holes.fill(head === undefined ? text : text.slice(at))
    if (rest === undefined) return undefined
    return head === undefined ? [rest] : [head, rest]
  }

  private healthy(result: DiagnosisResult, separator: string): FilledTemplate | undefined {
    const { method, url } = result.request
    if (result.batch !== undefined || method === null || url === null || result.status === null || result.request.inferredFrom !== undefined) return undefined
    const token = (result as { readonly token?: unknown }).token
    const byKey = typeof token === 'object' && token !== null ? this.mapOf(token) : this.tokenless
    const key = `${separator}\u0000${method}\u0000${result.status}`
    let template = byKey.get(key)
    if (template === undefined) {
      const [source, slotUrl, judgedAt] = HEALTHY_SLOTS
      template = this.make({ ...result, source, request: { method, url: slotUrl }, judgedAt }, separator, HEALTHY_SLOTS)
      byKey.set(key, template)
    }
    if (template === null) return undefined
    const { redact } = this
    return { template, values: [JSON.stringify(redact(result.source)), JSON.stringify(redact(url)), JSON.stringify(redact(result.judgedAt))] }
  }

  private mapOf(token: object): Map<string, OutputTemplate | null> {
    let map = this.byToken.get(token)
    if (map === undefined) {
      map = new Map()
      this.byToken.set(token, map)
    }
    return map
  }

  /** The template of a result rendered with slots, or null when its JSON does not split cleanly at them. */
  private make(slotted: DiagnosisResult, separator: string, slots: readonly string[]): OutputTemplate | null {
    const text = separator + nestedResultJson(slotted, this.redact, this.tokens)
    const parts: string[] = []
    let from = 0
    for (const slot of slots) {
      const literal = JSON.stringify(slot)
      const at = text.indexOf(literal, from)
      if (at < 0 || text.indexOf(literal, at + literal.length) >= 0) return null
      parts.push(text.slice(from, at))
      from = at + literal.length
    }
    parts.push(text.slice(from))
    try {
      return new OutputTemplate(parts)
    } catch {
      return null
    }
  }
}

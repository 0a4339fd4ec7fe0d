/**
 * Results whose JSON repeats, made once as templates with holes (see `core/redact/template.ts`, which
 * lets the redacting stdout check a template's fixed text once):
 *
 * - a healthy result (no finding, not a `$batch` part) differs from the last with the same token,
 *   method and status only by its source, URL and time;
 * - a result the diagnoser remembered (`core/diagnose-memo.ts`: the same findings, request, status,
 *   time and token objects as an earlier result) differs from it only by its source.
 */
import { OutputTemplate, type FilledTemplate } from '../../core/redact/template.js'
import type { DiagnosisResult } from '../../core/types.js'
import { nestedResultJson, type TokenJsonCache } from './json-result.js'

/** Stand for a result's own values while its template is made (never redacted away, never in real input). */
const SOURCE = '\u0000graph-doctor-source'
const HEALTHY_SLOTS = [SOURCE, '\u0000graph-doctor-url', '\u0000graph-doctor-judged-at'] as const

/** A result with findings seen once: the objects a repeat must share with it, and its templates once repeated. */
interface Seen {
  readonly request: DiagnosisResult['request']
  readonly status: number | null
  readonly judgedAt: string
  readonly token: unknown
  readonly templates: Map<string, OutputTemplate | null>
}

/** The templates of one writer's results (see the module comment). */
export class ResultTemplates {
  private readonly repeated = new WeakMap<object, Seen>()
  private readonly byToken = new WeakMap<object, Map<string, OutputTemplate | null>>()
  private readonly tokenless = new Map<string, OutputTemplate | null>()
  private readonly redact: (text: string) => string
  private readonly tokens: TokenJsonCache

  constructor(redact: (text: string) => string, tokens: TokenJsonCache) {
    this.redact = redact
    this.tokens = tokens
  }

  /** The result as a filled template, or undefined when its JSON is made on its own. */
  filled(result: DiagnosisResult, separator: string): FilledTemplate | undefined {
    return result.findings.length > 0 ? this.repeat(result, separator) : this.healthy(result, separator)
  }

  /** A result with findings whose findings, request and token objects an earlier result had: only its source differs. */
  private repeat(result: DiagnosisResult, separator: string): FilledTemplate | undefined {
    const token = (result as { readonly token?: unknown }).token
    const seen = this.repeated.get(result.findings)
    if (seen === undefined) {
      this.repeated.set(result.findings, { request: result.request, status: result.status, judgedAt: result.judgedAt, token, templates: new Map() })
      return undefined
    }
    if (seen.request !== result.request || seen.status !== result.status || seen.judgedAt !== result.judgedAt || seen.token !== token || result.batch !== undefined) return undefined
    let template = seen.templates.get(separator)
    if (template === undefined) {
      template = this.make({ ...result, source: SOURCE }, separator, [SOURCE])
      seen.templates.set(separator, template)
    }
    return template === null ? undefined : { template, values: [JSON.stringify(this.redact(result.source))] }
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

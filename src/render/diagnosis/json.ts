/**
 * The JSON output of `diagnose`: a stable contract other tools and tests read.
 *
 * ```text
 * { "version": 1,
 *   "results": [ { "source", "request": { "method", "url" }, "status", "judgedAt", "batch"?, "token"?,
 *                  "findings": [ { "id", "severity", "title", "detail", "evidence": [{ "source", "field", "value", "note"? }],
 *                                  "fix": [string],
 *                                  "actions"?: { "consentUrl"?, "scopes"?: [string], "azCli"?: [string],
 *                                                "powershell"?: [string], "roleToAssign"?: { "name", "templateId"?, "assignee" } },
 *                                  "links": [{ "title", "url" }],
 *                                  "permission"?: { "scheme", "leastPrivileged", "accepted", "granted" } } ] } ],
 *   "summary": { "results", "errors", "warnings", "info" },
 *   "permissionData"?: { "source", "location", "date", "ageDays" } }
 * ```
 * Fields are emitted in this order; new fields may be added, existing ones never change meaning.
 */
import { redactSecrets } from '../../core/redact.js'
import type { Diagnosis, DiagnosisResult } from '../../core/types.js'
import { nestedResultJson, resultToJson } from './json-result.js'
import type { TokenJsonCache } from './json-result.js'
import { ResultTemplates } from './json-templates.js'

export { resultToJson } from './json-result.js'
import { memoizeRedaction } from '../../core/redact/memo.js'
import { joinParts, type OutputPart } from '../../core/redact/template.js'
import { TallyCounter, writeAll, type DiagnosisWriter } from './writer.js'

/** Version of the JSON contract; bumped only for a breaking change. */
export const JSON_CONTRACT_VERSION = 1

function summaryOf(diagnosis: Diagnosis): Record<string, number> {
  const tally = new TallyCounter()
  for (const result of diagnosis.results) tally.add(result)
  const { results, errors, warnings, info } = tally
  return { results, errors, warnings, info }
}

/**
 * The diagnosis as a plain JSON-serialisable object in the contract's shape (strings not yet redacted).
 *
 * @example
 * toJsonDocument(diagnosis).results[0]?.findings
 */
export function toJsonDocument(diagnosis: Diagnosis): { version: number; results: Record<string, unknown>[]; summary: Record<string, number> } {
  return {
    version: JSON_CONTRACT_VERSION,
    results: diagnosis.results.map(resultToJson),
    summary: summaryOf(diagnosis),
  }
}

/** `JSON.stringify` with every string value passed through {@link redactSecrets}, indented by two spaces. */
export function stringifyRedacted(value: unknown, redact: (text: string) => string = redactSecrets): string {
  return `${JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? redact(item) : item), 2)}\n`
}

/** A top-level member's JSON, indented as the document's second level. */
function nested(json: string): string {
  return json.replaceAll('\n', '\n  ')
}

/** Options of {@link jsonWriter}. */
export interface JsonWriterOptions {
  /** Which permission data answered; asked at the end (the CLI loads it only when a call needs it). */
  readonly permissionData?: () => PermissionDataJson | undefined
}

/**
 * The JSON document written result by result: byte for byte what {@link renderJson} gives, still
 * one valid document, whatever the number of results.
 *
 * @example
 * const writer = jsonWriter()
 * out.write(writer.begin()); for (const result of results) out.write(writer.result(result)); out.write(writer.end())
 */
export function jsonWriter(options: JsonWriterOptions = {}): DiagnosisWriter {
  const tally = new TallyCounter()
  const redact = memoizeRedaction(redactSecrets)
  const tokens: TokenJsonCache = new WeakMap()
  const templates = new ResultTemplates(redact, tokens)
  const resultPart = (result: DiagnosisResult): OutputPart | readonly OutputPart[] => {
    const separator = tally.results === 0 ? '\n    ' : ',\n    '
    tally.add(result)
    return templates.filled(result, separator) ?? separator + nestedResultJson(result, redact, tokens)
  }
  return {
    begin: () => `{\n  "version": ${JSON_CONTRACT_VERSION},\n  "results": [`,
    result: (result) => {
      const part = resultPart(result)
      return typeof part === 'string' ? part : joinParts(Array.isArray(part) ? part : [part as OutputPart])
    },
    resultPart,
    end() {
      const { results, errors, warnings, info } = tally
      const close = results === 0 ? '],' : '\n  ],'
      const summary = `\n  "summary": ${nested(JSON.stringify({ results, errors, warnings, info }, null, 2))}`
      const data = options.permissionData?.()
      const dataJson = data === undefined ? '' : `,\n  "permissionData": ${nested(stringifyRedacted(data, redact).trimEnd())}`
      return `${close}${summary}${dataJson}\n}\n`
    },
  }
}

/** Which permission data answered and how old it is (the CLI knows; the library caller brings its own data). */
export interface PermissionDataJson {
  /** `--permissions`, `GRAPH_DOCTOR_PERMISSIONS`, `cache` or `snapshot` (the one bundled with graph-doctor). */
  readonly source: string
  readonly location: string
  /** When the data was taken (ISO date or time). */
  readonly date: string
  readonly ageDays: number
}

export interface JsonOptions {
  readonly permissionData?: PermissionDataJson
}

/**
 * Render a diagnosis as JSON (the stable contract, see the module comment), ending with a newline.
 *
 * @example
 * JSON.parse(renderJson(diagnose(parseInput(text, 'capture.har')))).results.length
 */
export function renderJson(diagnosis: Diagnosis, options: JsonOptions = {}): string {
  const { permissionData } = options
  return writeAll(jsonWriter(permissionData === undefined ? {} : { permissionData: () => permissionData }), diagnosis)
}

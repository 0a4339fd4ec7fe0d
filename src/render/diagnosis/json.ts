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
import { MAX_JSON_DEPTH, jsonText } from '../../core/json-text.js'
import { redactSecrets } from '../../core/redact.js'
import type { Diagnosis, DiagnosisResult, Finding, FixActions } from '../../core/types.js'
import { memoizeRedaction } from '../../core/redact/memo.js'
import { TallyCounter, writeAll, type DiagnosisWriter } from './writer.js'

/** Version of the JSON contract; bumped only for a breaking change. */
export const JSON_CONTRACT_VERSION = 1

/** `actions`, fields in a fixed order. */
function actionsToJson(actions: FixActions): Record<string, unknown> {
  const { consentUrl, scopes, azCli, powershell, roleToAssign } = actions
  return {
    ...(consentUrl === undefined ? {} : { consentUrl }),
    ...(scopes === undefined ? {} : { scopes: [...scopes] }),
    ...(azCli === undefined ? {} : { azCli: [...azCli] }),
    ...(powershell === undefined ? {} : { powershell: [...powershell] }),
    ...(roleToAssign === undefined ? {} : { roleToAssign: { ...roleToAssign } }),
  }
}

function findingToJson(finding: Finding): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: finding.id,
    severity: finding.severity,
    title: finding.title,
    detail: finding.detail,
    evidence: finding.evidence.map((item) => ({
      source: item.source,
      field: item.field,
      value: item.value,
      ...(item.note === undefined ? {} : { note: item.note }),
    })),
    fix: [...finding.fix],
    ...(finding.actions === undefined ? {} : { actions: actionsToJson(finding.actions) }),
    links: finding.links.map((link) => ({ title: link.title, url: link.url })),
  }
  if (finding.permission !== undefined) {
    const { scheme, leastPrivileged, accepted, granted } = finding.permission
    json['permission'] = { scheme, leastPrivileged, accepted: [...accepted], granted: [...granted] }
  }
  return json
}

export function resultToJson(result: DiagnosisResult): Record<string, unknown> {
  const json: Record<string, unknown> = {
    source: result.source,
    request: { method: result.request.method, url: result.request.url },
    status: result.status,
    judgedAt: result.judgedAt,
  }
  if (result.batch !== undefined) json['batch'] = { source: result.batch.source, requestId: result.batch.requestId }
  const token = (result as { readonly token?: unknown }).token
  if (token !== undefined) json['token'] = token
  json['findings'] = result.findings.map(findingToJson)
  return json
}

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

/**
 * Every string of a JSON value passed through `redact` (the same as a `JSON.stringify` replacer,
 * faster); a value nested past {@link MAX_JSON_DEPTH} is summarised, not walked.
 */
function redactStrings(value: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return redact(value)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_JSON_DEPTH) return jsonText(value)
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact, depth + 1))
  const copy: Record<string, unknown> = {}
  for (const key in value) copy[key] = redactStrings((value as Record<string, unknown>)[key], redact, depth + 1)
  return copy
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

const RESULT_PREFIX = '{\n  "results": [\n    '
const RESULT_SUFFIX = '\n  ]\n}'

/**
 * Stands for the token summary while a result is stringified: a summary is one object per distinct
 * token (the diagnoser's), so its redacted JSON is made once and put in its place. No string value can
 * hold `"token": "` unescaped, so the first such text is the key.
 */
const TOKEN_SLOT = '\u0000graph-doctor-token'
const TOKEN_SLOT_JSON = `"token": ${JSON.stringify(TOKEN_SLOT)}`
/** A result's members are indented by six spaces inside `{ "results": [ {`. */
const TOKEN_INDENT = '\n      '

/** The redacted JSON of each token summary seen, as it reads at its place in a result. */
type TokenJsonCache = WeakMap<object, string>

function tokenJson(token: object, redact: (text: string) => string, cache: TokenJsonCache): string {
  const known = cache.get(token)
  if (known !== undefined) return known
  const made = JSON.stringify(redactStrings(token, redact, 1), null, 2).replaceAll('\n', TOKEN_INDENT)
  cache.set(token, made)
  return made
}

/** One result as it reads inside the document's `results` array (indented by four spaces). */
function nestedResultJson(result: DiagnosisResult, redact: (text: string) => string, tokens: TokenJsonCache): string {
  const json = resultToJson(result)
  const token = json['token']
  const cached = typeof token === 'object' && token !== null ? tokenJson(token, redact, tokens) : undefined
  const stringify = (): string => JSON.stringify({ results: [redactStrings(json, redact)] }, null, 2)
  let text: string
  if (cached === undefined) {
    text = stringify()
  } else {
    json['token'] = TOKEN_SLOT
    const slotted = stringify()
    const slot = slotted.indexOf(TOKEN_SLOT_JSON)
    json['token'] = token
    text = slot < 0 ? stringify() : `${slotted.slice(0, slot)}"token": ${cached}${slotted.slice(slot + TOKEN_SLOT_JSON.length)}`
  }
  return text.slice(RESULT_PREFIX.length, text.length - RESULT_SUFFIX.length)
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
  return {
    begin: () => `{\n  "version": ${JSON_CONTRACT_VERSION},\n  "results": [`,
    result(result) {
      const separator = tally.results === 0 ? '\n    ' : ',\n    '
      tally.add(result)
      return separator + nestedResultJson(result, redact, tokens)
    },
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

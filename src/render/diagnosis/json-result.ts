/**
 * One diagnosis result as JSON, the way the `diagnose` JSON contract lays it out (see json.ts):
 * fields in a fixed order, every string redacted, the token summary's JSON made once per token.
 */
import { MAX_JSON_DEPTH, jsonText } from '../../core/json-text.js'
import type { DiagnosisResult, Finding, FixActions } from '../../core/types.js'

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

/** A result in the contract's shape (strings not yet redacted). */
export function resultToJson(result: DiagnosisResult): Record<string, unknown> {
  const json: Record<string, unknown> = {
    source: result.source,
    request: { method: result.request.method, url: result.request.url, ...(result.request.inferredFrom === undefined ? {} : { inferredFrom: result.request.inferredFrom }) },
    status: result.status,
    judgedAt: result.judgedAt,
  }
  if (result.batch !== undefined) json['batch'] = { source: result.batch.source, requestId: result.batch.requestId }
  const token = (result as { readonly token?: unknown }).token
  if (token !== undefined) json['token'] = token
  json['findings'] = result.findings.map(findingToJson)
  return json
}

/**
 * Every string of a JSON value passed through `redact` (the same as a `JSON.stringify` replacer,
 * faster); a value nested past {@link MAX_JSON_DEPTH} is summarised, not walked.
 */
export function redactStrings(value: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return redact(value)
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_JSON_DEPTH) return jsonText(value)
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact, depth + 1))
  const copy: Record<string, unknown> = {}
  for (const key in value) copy[key] = redactStrings((value as Record<string, unknown>)[key], redact, depth + 1)
  return copy
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
export type TokenJsonCache = WeakMap<object, string>

function tokenJson(token: object, redact: (text: string) => string, cache: TokenJsonCache): string {
  const known = cache.get(token)
  if (known !== undefined) return known
  const made = JSON.stringify(redactStrings(token, redact, 1), null, 2).replaceAll('\n', TOKEN_INDENT)
  cache.set(token, made)
  return made
}

/** One result as it reads inside the document's `results` array (indented by four spaces). */
export function nestedResultJson(result: DiagnosisResult, redact: (text: string) => string, tokens: TokenJsonCache): string {
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

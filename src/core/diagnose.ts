import { buildContext } from './context.js'
import { DiagnosisMemo } from './diagnose-memo.js'
import type { AnalysisContext, ContextOptions } from './context.js'
import type { Exchange } from './exchange.js'
import { makeFinding, rankFindings } from './finding.js'
import { expandBatches } from './input/index.js'
import type { PermissionCatalogue } from './permissions/types.js'
import { dropSuperseded, rules } from './rules/index.js'
import { inputUnreadable } from './rules/input-unreadable.js'
import { withCmdletRequest } from './powershell/cmdlet-exchange.js'
import { analysePrincipal, analyseToken, summarizeToken, type PrincipalClaims } from './token/index.js'
import type { TokenAnalysis } from './token/types.js'
import type { TokenSummary } from './token/summary.js'
import type { Diagnosis, DiagnosisResult, Finding } from './types.js'

export interface DiagnoseOptions {
  /** The permission engine; without it, permission findings fall back to what the response says. */
  readonly permissions?: PermissionCatalogue
  /** Judge token lifetimes at this time instead of the exchange time (the CLI's `--now`). */
  readonly now?: Date
}

/** Options of {@link createDiagnoser}. */
export interface DiagnoserOptions extends DiagnoseOptions {
  /**
   * Diagnose a repeated call once (see `diagnose-memo.ts`; default true). False diagnoses every
   * exchange in full: for the test that proves both give the same results.
   */
  readonly memoise?: boolean
}

/**
 * Diagnose every exchange, `$batch` requests unpacked first: one result per (sub-)exchange, in input
 * order, findings ranked most probable cause first. Never throws on malformed input.
 *
 * @example
 * const { results } = diagnose(parseInput(harText, 'capture.har'), { permissions })
 * results[0]?.findings[0]?.id // 'permission-missing'
 */
export function diagnose(exchanges: readonly Exchange[], options: DiagnoseOptions = {}): Diagnosis {
  const diagnoser = createDiagnoser(options)
  const results: DiagnosisResult[] = []
  for (const exchange of exchanges) for (const result of diagnoser.diagnose(exchange)) results.push(result)
  return { results }
}

/** Diagnoses exchanges one at a time, doing the work that repeats across them once. */
export interface Diagnoser {
  /** The results of one exchange: one, or one per sub-request of a `$batch`. */
  diagnose(exchange: Exchange): DiagnosisResult[]
}

/** Distinct tokens remembered; a capture holds a handful, so the limit only guards against abuse. */
const TOKEN_CACHE_LIMIT = 1000

/**
 * A diagnoser for a stream of exchanges (a capture of any length): each distinct token is decoded,
 * analysed and summarised once, and endpoints are resolved through the catalogue's own cache.
 *
 * @example
 * const diagnoser = createDiagnoser({ permissions })
 * for await (const exchange of readHarStream(chunks, 'capture.har')) write(diagnoser.diagnose(exchange))
 */
export function createDiagnoser(options: DiagnoserOptions = {}): Diagnoser {
  let analyses = new Map<string, TokenAnalysis>()
  const summaries = new WeakMap<TokenAnalysis, TokenSummary>()
  const cached = (raw: string): TokenAnalysis => {
    const known = analyses.get(raw)
    if (known !== undefined) return known
    if (analyses.size >= TOKEN_CACHE_LIMIT) analyses = new Map()
    const analysis = analyseToken(raw)
    analyses.set(raw, analysis)
    return analysis
  }
  const summary = (token: TokenAnalysis): TokenSummary => {
    const known = summaries.get(token)
    if (known !== undefined) return known
    const made = summarizeToken(token)
    summaries.set(token, made)
    return made
  }
  // A log's principal is analysed once per object: the log aggregation passes one object per distinct claims.
  const principals = new WeakMap<PrincipalClaims, TokenAnalysis>()
  const principalAnalysis = (principal: PrincipalClaims): TokenAnalysis => {
    let analysis = principals.get(principal)
    if (analysis === undefined) principals.set(principal, (analysis = analysePrincipal(principal)))
    return analysis
  }
  const { memoise, ...diagnoseOptions } = options
  const contextOptions = { ...diagnoseOptions, analyseToken: cached, analysePrincipal: principalAnalysis }
  const memo = memoise === false ? undefined : new DiagnosisMemo({ now: options.now, analyse: cached })
  const one = (part: Exchange): DiagnosisResult => diagnoseOne(part, contextOptions, summary)
  return {
    diagnose: (exchange) => expandBatches([exchange]).map((part) => (memo === undefined ? one(part) : memo.result(part, () => one(part)))),
  }
}

/** Diagnose one exchange (no `$batch` expansion). */
export function diagnoseExchange(exchange: Exchange, options: DiagnoseOptions = {}): DiagnosisResult {
  return diagnoseOne(exchange, options, summarizeToken)
}

function diagnoseOne(exchange: Exchange, options: ContextOptions, summary: (token: TokenAnalysis) => TokenSummary): DiagnosisResult {
  const ctx = buildContext(withCmdletRequest(exchange, options.permissions), options)
  const findings = exchange.unreadable === undefined ? runRules(ctx) : inputUnreadable.check(ctx)
  return resultOf(ctx, rankFindings(dropSuperseded(findings)), summary)
}

function runRules(ctx: AnalysisContext): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    if (rule === inputUnreadable) continue
    for (const finding of safeCheck(rule.check.bind(rule), ctx)) findings.push(finding)
  }
  return findings
}

/**
 * A rule bug must not cost the user the other findings: report it as an unreadable input instead.
 * On a failed call it is an error, so that a crash never turns a 401 into a clean exit code.
 */
function safeCheck(check: (ctx: AnalysisContext) => Finding[], ctx: AnalysisContext): Finding[] {
  try {
    return check(ctx)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const finding = makeFinding('input-unreadable', { detail: `graph-doctor failed to analyse this entry (${reason}); please report it.`, evidence: [], fix: [] })
    return [(ctx.status ?? 0) >= 400 ? { ...finding, severity: 'error' } : finding]
  }
}

function resultOf(ctx: AnalysisContext, findings: readonly Finding[], summary: (token: TokenAnalysis) => TokenSummary): DiagnosisResult {
  const result: DiagnosisResult = {
    source: ctx.exchange.source,
    request: { method: ctx.method, url: ctx.url, ...(ctx.exchange.request?.inferredFrom === undefined ? {} : { inferredFrom: ctx.exchange.request.inferredFrom }) },
    status: ctx.status,
    judgedAt: ctx.at.toISOString(),
    findings,
  }
  return {
    ...result,
    ...(ctx.exchange.batch === undefined ? {} : { batch: ctx.exchange.batch }),
    ...(ctx.token === undefined ? {} : { token: summary(ctx.token) }),
  }
}

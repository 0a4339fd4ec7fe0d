import { buildContext } from './context.js'
import type { AnalysisContext } from './context.js'
import type { Exchange } from './exchange.js'
import { makeFinding, rankFindings } from './finding.js'
import { expandBatches } from './input/index.js'
import type { PermissionCatalogue } from './permissions/types.js'
import { dropSuperseded, rules } from './rules/index.js'
import { inputUnreadable } from './rules/input-unreadable.js'
import { summarizeToken } from './token/index.js'
import type { Diagnosis, DiagnosisResult, Finding } from './types.js'

export interface DiagnoseOptions {
  /** The permission engine; without it, permission findings fall back to what the response says. */
  readonly permissions?: PermissionCatalogue
  /** Judge token lifetimes at this time instead of the exchange time (the CLI's `--now`). */
  readonly now?: Date
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
  return { results: expandBatches([...exchanges]).map((exchange) => diagnoseExchange(exchange, options)) }
}

/** Diagnose one exchange (no `$batch` expansion). */
export function diagnoseExchange(exchange: Exchange, options: DiagnoseOptions = {}): DiagnosisResult {
  const ctx = buildContext(exchange, options)
  const findings = exchange.unreadable === undefined ? runRules(ctx) : inputUnreadable.check(ctx)
  return resultOf(ctx, rankFindings(dropSuperseded(findings)))
}

function runRules(ctx: AnalysisContext): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    if (rule === inputUnreadable) continue
    findings.push(...safeCheck(rule.check.bind(rule), ctx))
  }
  return findings
}

/** A rule bug must not cost the user the other findings: report it as an unreadable input instead. */
function safeCheck(check: (ctx: AnalysisContext) => Finding[], ctx: AnalysisContext): Finding[] {
  try {
    return check(ctx)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return [makeFinding('input-unreadable', { detail: `graph-doctor failed to analyse this entry (${reason}); please report it.`, evidence: [], fix: [] })]
  }
}

function resultOf(ctx: AnalysisContext, findings: readonly Finding[]): DiagnosisResult {
  const result: DiagnosisResult = {
    source: ctx.exchange.source,
    request: { method: ctx.method, url: ctx.url },
    status: ctx.status,
    judgedAt: ctx.at.toISOString(),
    findings,
  }
  return {
    ...result,
    ...(ctx.exchange.batch === undefined ? {} : { batch: ctx.exchange.batch }),
    ...(ctx.token === undefined ? {} : { token: summarizeToken(ctx.token) }),
  }
}

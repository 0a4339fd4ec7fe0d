import type { FindingId } from '../catalogue.js'
import type { AnalysisContext } from '../context.js'
import type { Finding } from '../types.js'

/** One check: reads the analysis context and returns its findings (usually zero or one). Never throws. */
export interface Rule {
  readonly id: FindingId
  check(ctx: AnalysisContext): Finding[]
}

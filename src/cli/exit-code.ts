import type { Diagnosis } from '../core/types.js'

/** Exit codes of every graph-doctor command. */
export const EXIT = {
  /** No error findings (warnings and info do not fail). */
  ok: 0,
  /** At least one error finding. */
  findings: 1,
  /** Unusable input, usage error, or the tool failed. */
  usage: 2,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/**
 * The exit code for a diagnosis: 1 when any result has an error finding, else 0. Pure.
 *
 * @example
 * exitCodeFor({ results: [] }) // 0
 */
export function exitCodeFor(diagnosis: Diagnosis): ExitCode {
  const hasError = diagnosis.results.some((result) => result.findings.some((finding) => finding.severity === 'error'))
  return hasError ? EXIT.findings : EXIT.ok
}

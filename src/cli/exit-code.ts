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

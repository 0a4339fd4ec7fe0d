/**
 * What the Graph double answers, as data. A request picks its scenario with the header
 * `x-double-scenario: <name>` (a `$batch` sub-request with its own `headers`); without one the
 * double's default applies. Names:
 *
 * - `ok`: a plausible 200 for any Graph path, tokens from the token endpoint
 * - `finding:<id>`: the `hit` response of that finding's fixture (test/fixtures/findings/cases.ts)
 * - `throttle:<n>:<seconds>`: the first n requests of this scenario get 429 + `Retry-After`, then 200
 * - `claims`: 401 with an `insufficient_claims` challenge unless the token carries `acrs: ["c1"]`
 * - `large:<bytes>` (Content-Length) and `chunked:<bytes>` (chunked encoding): deterministic bytes,
 *   their SHA-256 in `x-double-sha256`; `gzip`: a gzip-encoded JSON body; `echo`: what arrived
 * - faults: `status:<code>` (Graph-style 5xx), `big-error:<bytes>` (an oversized 403 body),
 *   `reset` (socket destroyed before any byte), `reset-mid` (headers and half the body, then reset),
 *   `stall` (never answers), `slow:<chunks>:<ms>` (a body trickled chunk by chunk)
 *
 * A scripted answer (`ok`, `finding:<id>`, …) comes compressed with `x-double-encoding: gzip | deflate | br`.
 */
import { isFindingId, type FindingId } from '../../src/core/catalogue.js'

export type Scenario =
  | { readonly kind: 'ok' }
  | { readonly kind: 'finding'; readonly id: FindingId }
  | { readonly kind: 'throttle'; readonly count: number; readonly retryAfter: number }
  | { readonly kind: 'claims' }
  | { readonly kind: 'large'; readonly bytes: number; readonly chunked: boolean }
  | { readonly kind: 'gzip' }
  | { readonly kind: 'echo' }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'big-error'; readonly bytes: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'reset-mid' }
  | { readonly kind: 'stall' }
  | { readonly kind: 'slow'; readonly chunks: number; readonly delayMs: number }

export const SCENARIO_HEADER = 'x-double-scenario'

function integer(text: string | undefined, fallback: number): number {
  const value = Number(text)
  return Number.isInteger(value) && value >= 0 ? value : fallback
}

/** The scenario a name selects; an unknown name is a test bug, so it throws. */
export function parseScenario(name: string): Scenario {
  const [kind = '', first, second] = name.trim().split(':')
  switch (kind) {
    case 'ok': case 'claims': case 'gzip': case 'echo': case 'reset': case 'reset-mid': case 'stall':
      return { kind }
    case 'finding':
      if (first === undefined || !isFindingId(first)) break
      return { kind, id: first }
    case 'throttle':
      return { kind, count: integer(first, 1), retryAfter: integer(second, 0) }
    case 'large': case 'chunked':
      return { kind: 'large', bytes: integer(first, 1 << 20), chunked: kind === 'chunked' }
    case 'status':
      return { kind, status: integer(first, 500) }
    case 'big-error':
      return { kind, bytes: integer(first, 4 << 20) }
    case 'slow':
      return { kind, chunks: integer(first, 5), delayMs: integer(second, 5) }
  }
  throw new Error(`Graph double: unknown scenario ${JSON.stringify(name)}`)
}

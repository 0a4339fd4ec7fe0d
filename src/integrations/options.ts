/** Options shared by every in-process integration (fetch wrapper, SDK middleware). */
import type { PermissionCatalogue } from '../core/permissions/types.js'
import type { DiagnosisResult } from '../core/types.js'

/** A failed call, as the integration saw it: the diagnosis and the request that produced it. */
export interface DiagnosisEvent {
  readonly result: DiagnosisResult
  readonly method: string
  readonly url: string
  readonly status: number
}

export interface GraphDoctorOptions {
  /**
   * The permission catalogue (`buildPermissionCatalogue(...)`), or a function that loads it; the
   * function is called once, on the first failed call, so a successful call pays nothing for it.
   * Without it, findings still come, only without the least-privileged permission.
   */
  readonly permissions?: PermissionCatalogue | (() => Promise<PermissionCatalogue | undefined>)
  /** Called once per failed Graph or token-endpoint call. Default: one `console.warn` line. */
  readonly onDiagnosis?: (event: DiagnosisEvent) => void
  /**
   * Origins that stand for Microsoft Graph (a local proxy, a gateway, a test double), e.g.
   * `['http://127.0.0.1:8080']`. Their calls are diagnosed as calls to https://graph.microsoft.com.
   */
  readonly graphOrigins?: readonly string[]
  /** Origins that stand for the identity platform (https://login.microsoftonline.com). */
  readonly loginOrigins?: readonly string[]
  /** Bytes of an error body read for the diagnosis (default 1 MiB). */
  readonly errorBodyLimit?: number
}

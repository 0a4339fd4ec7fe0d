/** Sovereign clouds of Microsoft Graph and the identity platform. */
export type Cloud = 'global' | 'us-gov' | 'us-dod' | 'china'

export type TargetKind =
  | 'graph'
  | 'token-endpoint'
  | 'authorize-endpoint'
  | 'sharepoint'
  | 'outlook'
  | 'other'

/** What a request URL points at. Implemented by `classifyUrl` in `./target-classify.ts`. */
export interface Target {
  readonly kind: TargetKind
  readonly host: string
  readonly cloud?: Cloud
  /** Graph only: `v1.0`, `beta`, or whatever the first segment was. */
  readonly version?: string
  /** Graph: the path after the version, starting with `/`. Others: the URL path. No query. */
  readonly path: string
  /** Identity platform only: the tenant segment (`common`, a GUID, a domain). */
  readonly tenant?: string
  /** Graph: the request is a JSON `$batch`. */
  readonly isBatch?: boolean
}

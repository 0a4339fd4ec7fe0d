import type { EndpointPermissions } from './types.js'

const SLOTS = 2048
const MISS = null

/**
 * A small direct-mapped cache of lookups by exact (method, URL): logs repeat the same URLs heavily.
 * No hashing of the whole URL and no growing table, so a miss costs almost nothing: the slot comes
 * from the URL's length and 12 of its characters, and a colliding entry is simply replaced.
 */
export class PathCache {
  private readonly urls = new Array<string | undefined>(SLOTS)
  private readonly methods = new Array<string | undefined>(SLOTS)
  private readonly results = new Array<EndpointPermissions | typeof MISS | undefined>(SLOTS)

  /** The cached result; `null` for a cached "unknown endpoint", undefined when not cached. */
  get(method: string, url: string): EndpointPermissions | null | undefined {
    const slot = slotOf(url)
    if (this.urls[slot] !== url || this.methods[slot] !== method) return undefined
    return this.results[slot]
  }

  /** Remember a result and return it (undefined stays undefined for the caller). */
  set(method: string, url: string, result: EndpointPermissions | undefined): EndpointPermissions | undefined {
    const slot = slotOf(url)
    this.urls[slot] = url
    this.methods[slot] = method
    this.results[slot] = result ?? MISS
    return result
  }
}

/** Mix the length and 12 characters spread over the URL (ids differ anywhere, often near the end). */
function slotOf(url: string): number {
  const length = url.length
  let hash = length
  for (let i = 1; i <= 12; i++) {
    const at = length - 1 - ((i * i * 7) % length)
    hash = Math.imul(hash ^ url.charCodeAt(at), 0x01000193)
  }
  return (hash ^ (hash >>> 15)) & (SLOTS - 1)
}

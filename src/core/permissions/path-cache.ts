import type { EndpointPermissions } from './types.js'

const SLOTS = 2048
const MISS = null

/**
 * A small direct-mapped cache of lookups by exact (method, URL): logs repeat the same URLs heavily.
 * No hashing of the whole URL and no growing table, so a miss costs little: the slot comes from the
 * URL's length and six of its characters (ids differ near the end), and a colliding entry is
 * simply replaced.
 */
export class PathCache {
  private readonly urls = new Array<string | undefined>(SLOTS)
  private readonly methods = new Array<string | undefined>(SLOTS)
  private readonly results = new Array<EndpointPermissions | typeof MISS | undefined>(SLOTS)

  /** The slot of a URL, for {@link get} and {@link set}. */
  slot(url: string): number {
    const n = url.length
    // charCodeAt of a negative index is NaN, which `^` treats as 0: short URLs need no bounds checks.
    let hash = Math.imul(n ^ url.charCodeAt(n - 1) ^ (url.charCodeAt(n - 3) << 8) ^ (url.charCodeAt(n - 7) << 16), 0x9e3779b1)
    hash = Math.imul(hash ^ url.charCodeAt(n - 13) ^ (url.charCodeAt(n - 29) << 8) ^ (url.charCodeAt(n >> 1) << 16), 0x01000193)
    return (hash ^ (hash >>> 16)) & (SLOTS - 1)
  }

  /** The cached result; `null` for a cached "unknown endpoint", undefined when not cached. */
  get(slot: number, method: string, url: string): EndpointPermissions | null | undefined {
    if (this.urls[slot] !== url || this.methods[slot] !== method) return undefined
    return this.results[slot]
  }

  /** Remember a result and return it. */
  set(slot: number, method: string, url: string, result: EndpointPermissions | undefined): EndpointPermissions | undefined {
    this.urls[slot] = url
    this.methods[slot] = method
    this.results[slot] = result ?? MISS
    return result
  }
}

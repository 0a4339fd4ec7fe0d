import type { EndpointPermissions } from '../types.js'

const SLOTS = 2048
const MISS = null

/**
 * A small direct-mapped cache of lookups by exact (method, URL): logs repeat the same URLs heavily.
 * No hashing of the whole URL and no growing table, so a miss costs little: the slot comes from the
 * URL's length and six of its characters (ids differ near the end), the stored hash rejects most
 * other URLs without reading them, and a colliding entry is simply replaced.
 */
export class PathCache {
  private readonly hashes = new Int32Array(SLOTS)
  /** Per slot: URL, method, result (one array: one cache line per slot touched). */
  private readonly entries = new Array<string | EndpointPermissions | typeof MISS | undefined>(SLOTS * 3).fill(undefined)
  private hash = 0

  /** The slot of a URL, for {@link get} and {@link set}. */
  slot(url: string): number {
    const n = url.length
    // charCodeAt of a negative index is NaN, which `^` treats as 0: short URLs need no bounds checks.
    let hash = Math.imul(n ^ url.charCodeAt(n - 1) ^ (url.charCodeAt(n - 3) << 8) ^ (url.charCodeAt(n - 7) << 16), 0x9e3779b1)
    hash = Math.imul(hash ^ url.charCodeAt(n - 13) ^ (url.charCodeAt(n - 29) << 8) ^ (url.charCodeAt(n >> 1) << 16), 0x01000193)
    this.hash = hash
    return (hash ^ (hash >>> 16)) & (SLOTS - 1)
  }

  /** The cached result; `null` for a cached "unknown endpoint", undefined when not cached. Call right after {@link slot}. */
  get(slot: number, method: string, url: string): EndpointPermissions | null | undefined {
    if (this.hashes[slot] !== this.hash) return undefined
    const at = slot * 3
    if (this.entries[at] !== url || this.entries[at + 1] !== method) return undefined
    return this.entries[at + 2] as EndpointPermissions | null | undefined
  }

  /** Remember a result and return it. */
  set(slot: number, method: string, url: string, result: EndpointPermissions | undefined): EndpointPermissions | undefined {
    const at = slot * 3
    this.hashes[slot] = this.hash
    this.entries[at] = url
    this.entries[at + 1] = method
    this.entries[at + 2] = result ?? MISS
    return result
  }
}

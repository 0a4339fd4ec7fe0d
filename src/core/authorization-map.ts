/**
 * Values by an exchange's Authorization header value, found without hashing the value: each entry of
 * a capture brings its own copy of a 1-2 KB header, and a `Map` keyed by it hashed every character
 * of it for every entry (2-4 µs). Found by its last characters (a token's signature) instead, then
 * the whole value compared (which stops at the first difference).
 */

/** Characters at the end of a value that it is found by. */
const TAIL = 32
/** Values sharing their end (hostile input) past this many are found by the whole value. */
const MAX_SAME_TAIL = 8

interface Entry<T> {
  readonly authorization: string
  readonly value: T
}

/** A map from an Authorization header value (or none) to one value each, made on first use. */
export class AuthorizationMap<T> {
  private byTail = new Map<string, Entry<T>[]>()
  private crowded = new Map<string, T>()
  private none: { readonly value: T } | undefined

  /** The value for `authorization`, made by `make` the first time. */
  get(authorization: string | undefined, make: () => T): T {
    if (authorization === undefined) return (this.none ??= { value: make() }).value
    const tail = authorization.slice(-TAIL)
    let sameTail = this.byTail.get(tail)
    if (sameTail === undefined) this.byTail.set(tail, (sameTail = []))
    for (const entry of sameTail) if (entry.authorization === authorization) return entry.value
    if (sameTail.length >= MAX_SAME_TAIL) {
      let value = this.crowded.get(authorization)
      if (value === undefined) this.crowded.set(authorization, (value = make()))
      return value
    }
    const value = make()
    sameTail.push({ authorization, value })
    return value
  }

  clear(): void {
    this.byTail = new Map()
    this.crowded = new Map()
    this.none = undefined
  }
}

/**
 * The slot of a logged call by the numbers of its group's parts (shape, app, method, status, claims):
 * an open-addressing table of integer tuples, so that a record of a group seen before finds its slot
 * without a key text being built and hashed (a `Map` of texts cost more than the rest of a record).
 */

/** The numbers that tell a call's group: each a non-negative 32-bit integer. */
export interface CallNumbers {
  readonly shape: number
  readonly app: number
  readonly method: number
  readonly status: number
  /** The claims number and whether a user made the call (`claims * 2 + user`). */
  readonly claims: number
}

const WIDTH = 5

function hashOf(call: CallNumbers): number {
  let hash = Math.imul(call.shape, 0x9e3779b1)
  hash = Math.imul(hash ^ call.app, 0x85ebca6b)
  hash = Math.imul(hash ^ call.method, 0xc2b2ae35)
  hash = Math.imul(hash ^ call.status, 0x27d4eb2f)
  hash = Math.imul(hash ^ call.claims, 0x165667b1)
  return hash ^ (hash >>> 15)
}

/**
 * @example
 * const index = new CallIndex<string>()
 * index.set({ shape: 0, app: 1, method: 0, status: 200, claims: 2 }, 'slot')
 * index.get({ shape: 0, app: 1, method: 0, status: 200, claims: 2 }) // 'slot'
 */
export class CallIndex<T> {
  private keys = new Int32Array(64 * WIDTH)
  private values: (T | undefined)[] = new Array<T | undefined>(64).fill(undefined)
  private mask = 63
  private size = 0

  get(call: CallNumbers): T | undefined {
    const keys = this.keys
    for (let at = hashOf(call) & this.mask; ; at = (at + 1) & this.mask) {
      const value = this.values[at]
      if (value === undefined) return undefined
      const k = at * WIDTH
      if (keys[k] === call.shape && keys[k + 1] === call.app && keys[k + 2] === call.method && keys[k + 3] === call.status && keys[k + 4] === call.claims) return value
    }
  }

  /** Remember the slot of a call not in the index yet. */
  set(call: CallNumbers, value: T): void {
    if ((this.size + 1) * 2 > this.values.length) this.grow()
    this.place(call.shape, call.app, call.method, call.status, call.claims, value)
    this.size++
  }

  private place(shape: number, app: number, method: number, status: number, claims: number, value: T): void {
    let at = hashOf({ shape, app, method, status, claims }) & this.mask
    while (this.values[at] !== undefined) at = (at + 1) & this.mask
    const k = at * WIDTH
    this.keys[k] = shape
    this.keys[k + 1] = app
    this.keys[k + 2] = method
    this.keys[k + 3] = status
    this.keys[k + 4] = claims
    this.values[at] = value
  }

  private grow(): void {
    const { keys, values } = this
    const capacity = values.length * 2
    this.keys = new Int32Array(capacity * WIDTH)
    this.values = new Array<T | undefined>(capacity).fill(undefined)
    this.mask = capacity - 1
    values.forEach((value, at) => {
      if (value === undefined) return
      const k = at * WIDTH
      this.place(keys[k] ?? 0, keys[k + 1] ?? 0, keys[k + 2] ?? 0, keys[k + 3] ?? 0, keys[k + 4] ?? 0, value)
    })
  }
}

/**
 * The JSON structure along the path to the target array (the root object, `log`, the `entries`
 * array…), checked byte by byte. Everything off the path is skipped by the scanner without being
 * looked at, so this stack never grows past the length of the path.
 */

/** What the scanner does with the byte it just showed. */
export type FrameAction = 'continue' | 'key' | 'value' | 'element' | 'done' | 'error'

type State = 'key-or-end' | 'key' | 'colon' | 'value' | 'value-or-end' | 'comma-or-end'

interface Frame {
  readonly isObject: boolean
  state: State
  key: string | undefined
}

const MAX_KEY_BYTES = 1024
const keyDecoder = new TextDecoder()

function isValueStart(byte: number): boolean {
  return byte === 0x7b || byte === 0x5b || byte === 0x22 || byte === 0x2d || (byte >= 0x30 && byte <= 0x39) || byte === 0x74 || byte === 0x66 || byte === 0x6e
}

function isLiteralByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x2b || byte === 0x2d || byte === 0x2e || byte === 0x45
}

export class ShallowFrames {
  private readonly frames: Frame[] = []
  private inLiteral = false
  private keyParts: Uint8Array[] = []
  private keyLength = 0
  private keyStart = 0
  /** The first byte of the document has been seen. */
  started = false
  /** The target array was opened. */
  found = false
  /** The root value has ended. */
  finished = false
  /** Why the last `step` returned `error`. */
  problem = ''
  missing: { key: string; line: number; offset: number } | undefined

  private readonly path: readonly string[]

  constructor(path: readonly string[]) {
    this.path = path
  }

  /** Follow one structural byte (never whitespace, never inside a string). */
  step(byte: number, line: number, offset: number): FrameAction {
    if (this.inLiteral) {
      if (isLiteralByte(byte)) return 'continue'
      this.inLiteral = false
    }
    this.started = true
    const frame = this.frames[this.frames.length - 1]
    if (frame === undefined) return this.rootValue(byte)
    switch (frame.state) {
      case 'key-or-end':
      case 'key':
        if (byte === 0x22) {
          frame.state = 'colon'
          return 'key'
        }
        return byte === 0x7d && frame.state === 'key-or-end' ? this.close(line, offset) : this.fail('expected a quoted key')
      case 'colon':
        if (byte !== 0x3a) return this.fail('expected ":" after a key')
        frame.state = 'value'
        return 'continue'
      case 'value':
      case 'value-or-end':
        if (byte === 0x5d && frame.state === 'value-or-end') return this.close(line, offset)
        if (!isValueStart(byte)) return this.fail('expected a value')
        frame.state = 'comma-or-end'
        return frame.isObject ? this.objectValue(frame, byte) : 'element'
      case 'comma-or-end':
        if (byte === 0x2c) {
          frame.state = frame.isObject ? 'key' : 'value'
          return 'continue'
        }
        if (byte === (frame.isObject ? 0x7d : 0x5d)) return this.close(line, offset)
        return this.fail(`expected "," or "${frame.isObject ? '}' : ']'}"`)
    }
  }

  private rootValue(byte: number): FrameAction {
    const wantsArray = this.path.length === 0
    if (byte === (wantsArray ? 0x5b : 0x7b)) return this.open(!wantsArray)
    return this.fail(isValueStart(byte) ? `the JSON document is not an ${wantsArray ? 'array' : 'object'}` : 'not JSON')
  }

  /** The value of a key in an object on the path: open it when it is the next step of the path. */
  private objectValue(frame: Frame, byte: number): FrameAction {
    const depth = this.frames.length
    if (frame.key !== this.path[depth - 1]) return 'value'
    const wantsArray = depth === this.path.length
    if (byte !== (wantsArray ? 0x5b : 0x7b)) return 'value'
    return this.open(!wantsArray)
  }

  private open(isObject: boolean): FrameAction {
    this.frames.push({ isObject, state: isObject ? 'key-or-end' : 'value-or-end', key: undefined })
    if (!isObject) this.found = true
    return 'continue'
  }

  private close(line: number, offset: number): FrameAction {
    const depth = this.frames.length - 1
    this.frames.pop()
    if (depth < this.path.length && !this.found && this.missing === undefined) {
      this.missing = { key: this.path.slice(0, depth + 1).join('.'), line, offset }
    }
    return this.valueDone() ? 'done' : 'continue'
  }

  /** A value of the current container ended; true when that was the root. */
  valueDone(): boolean {
    const frame = this.frames[this.frames.length - 1]
    if (frame !== undefined) frame.state = 'comma-or-end'
    else this.finished = true
    return this.finished
  }

  /** A number, `true`, `false` or `null` off the path starts at `i`: its bytes are skipped. */
  skipLiteral(i: number): number {
    this.inLiteral = true
    return i + 1
  }

  beginKey(start: number): void {
    this.keyParts = []
    this.keyLength = 0
    this.keyStart = start
  }

  /** The chunk ended inside a key: keep its bytes so far (up to a sane length). */
  keyChunkEnd(chunk: Uint8Array): void {
    this.keepKeyBytes(chunk.subarray(this.keyStart))
    this.keyStart = 0
  }

  endKey(chunk: Uint8Array, quote: number): void {
    this.keepKeyBytes(chunk.subarray(this.keyStart, quote))
    const frame = this.frames[this.frames.length - 1]
    if (frame !== undefined) frame.key = this.keyLength > MAX_KEY_BYTES ? undefined : this.decodeKey()
  }

  private keepKeyBytes(bytes: Uint8Array): void {
    this.keyLength += bytes.length
    if (this.keyLength <= MAX_KEY_BYTES) this.keyParts.push(bytes.slice())
  }

  private decodeKey(): string | undefined {
    const text = this.keyParts.map((part) => keyDecoder.decode(part)).join('')
    if (!text.includes('\\')) return text
    try {
      return JSON.parse(`"${text}"`) as string
    } catch {
      return undefined
    }
  }

  private fail(problem: string): FrameAction {
    this.problem = problem
    return 'error'
  }
}

/**
 * The cache's quick check: a 128-bit checksum of a stored file, computed by a WebAssembly function of
 * 20 instructions. Why not sha256 on every run: node:crypto loads about forty internal modules (the
 * stream modules among them), 3 to 5 ms of CPU before the first byte is hashed; this check costs about
 * 1 ms for the 360 KB index, WebAssembly's start included. `data update` writes both (`check` and
 * `sha256`); a run checks the cache with `check` when the manifest has it and sha256 otherwise (a cache
 * written before it, or a Node without WebAssembly); `data status` always checks sha256.
 *
 * What it guarantees. The file is read as little-endian 64-bit words x₁…xₙ (the last padded with zero
 * bytes; its length is checked apart, and goes into both seeds), and each of two lanes steps
 * h ← g((h ⊕ x) · K) (lane 2: g(rotl(h ⊕ x, 23) · K′)), K and K′ odd, g(y) = y ⊕ (y ≫ s). For a fixed
 * word each step is a bijection of h (xor, multiplication by an odd number modulo 2⁶⁴, and an xorshift
 * are each invertible), and for a fixed h it is injective in the word. So a file that differs from the
 * one written in any one aligned 8-byte word (any single changed bit or byte among them) always
 * yields a different state at that word, which every later step carries to a different result: it is
 * always caught. A file with several damaged words passes only when both lanes collide, about one
 * chance in 2¹²⁸ for damage that is not built against these constants: as safe as sha256 against
 * damage, and sha256 in a manifest beside the file gives no protection against someone who can
 * write the cache anyway (they would rewrite the manifest too). `test/cli/quick-check.test.ts` holds
 * the WebAssembly to a BigInt reimplementation and checks the single-word guarantee.
 */

/**
 * The module: `check(words, length)` over memory from byte 16, the two lanes stored at bytes 0 and 8.
 * Per word i: x = i64.load(16 + 8i); h1 = (h1 ^ x) * K1, h1 ^= h1 >>> 29; h2 = rotl(h2 ^ x, 23) * K2,
 * h2 ^= h2 >>> 31; seeds 0x243F6A8885A308D3 ^ length and 0x13198A2E03707344 ^ length,
 * K1 = 0x9E3779B97F4A7C15, K2 = 0xC2B2AE3D27D4EB4F.
 */
const MODULE =
  'AGFzbQEAAAABBgFgAn9/AAMCAQAFAwEAAQcSAgZtZW1vcnkCAAVjaGVjawAACo8BAYwBAgF/A35C05GMrYjR2p8kIAGthSEDQsTmwZvgxeKMEyABrYUhBAJAA0AgAiAATw0BIAJBA3QpAxAhBSADIAWFQpX4qfqXt96bnn9+IgMgA0IdiIUhAyAEIAWFQheJQs/W077Sx6vZQn4iBCAEQh+IhSEEIAJBAWohAgwACwtBACADNwMAQQAgBDcDCAs='

/** Larger files are checked with sha256 (the data files are a few MB). */
const MAX_BYTES = 64 * 1024 * 1024
const DATA_START = 16
const PAGE = 65536

interface Checker {
  readonly memory: WebAssembly.Memory
  readonly check: (words: number, length: number) => void
}

let checker: Checker | null | undefined

function loadChecker(): Checker | null {
  if (checker !== undefined) return checker
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(MODULE, 'base64')))
    checker = instance.exports as unknown as Checker
  } catch {
    checker = null // no WebAssembly (--jitless): sha256 instead
  }
  return checker
}

/** The 32 hex digits of a file's quick check, or undefined where it cannot be computed (then use sha256). */
export function quickCheckHex(bytes: Uint8Array): string | undefined {
  if (bytes.byteLength > MAX_BYTES) return undefined
  const loaded = loadChecker()
  if (loaded === null) return undefined
  const words = Math.ceil(bytes.byteLength / 8)
  const end = DATA_START + words * 8
  const size = loaded.memory.buffer.byteLength
  if (end > size) loaded.memory.grow(Math.ceil((end - size) / PAGE))
  const memory = new Uint8Array(loaded.memory.buffer)
  memory.set(bytes, DATA_START)
  memory.fill(0, DATA_START + bytes.byteLength, end)
  loaded.check(words, bytes.byteLength)
  return Buffer.from(loaded.memory.buffer, 0, 16).toString('hex')
}

/** A stored quick check's form. */
export function isQuickCheck(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value)
}

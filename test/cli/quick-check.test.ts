import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { quickCheckHex } from '../../src/cli/data/quick-check.js'
import { readVerified } from '../../src/cli/data/cache-read.js'

const MASK = (1n << 64n) - 1n

/** The quick check written out with BigInt, from its description in quick-check.ts. */
function reference(bytes: Uint8Array): string {
  const length = BigInt(bytes.length)
  let h1 = 0x243f6a8885a308d3n ^ length
  let h2 = 0x13198a2e03707344n ^ length
  const padded = new Uint8Array(Math.ceil(bytes.length / 8) * 8)
  padded.set(bytes)
  const view = new DataView(padded.buffer)
  for (let at = 0; at < padded.length; at += 8) {
    const x = view.getBigUint64(at, true)
    h1 = ((h1 ^ x) * 0x9e3779b97f4a7c15n) & MASK
    h1 ^= h1 >> 29n
    const mixed = h2 ^ x
    h2 = ((((mixed << 23n) | (mixed >> 41n)) & MASK) * 0xc2b2ae3d27d4eb4fn) & MASK
    h2 ^= h2 >> 31n
  }
  const out = new DataView(new ArrayBuffer(16))
  out.setBigUint64(0, h1, true)
  out.setBigUint64(8, h2, true)
  return Buffer.from(out.buffer).toString('hex')
}

test('the WebAssembly check computes the function quick-check.ts describes, for every length and content', () => {
  for (let length = 0; length < 200; length++) {
    const bytes = randomBytes(length)
    assert.equal(quickCheckHex(bytes), reference(bytes), `length ${length}`)
  }
  for (const length of [4095, 65536, 65537, 300_001]) {
    const bytes = randomBytes(length)
    assert.equal(quickCheckHex(bytes), reference(bytes), `length ${length}`)
  }
  // a longer file first, then a shorter one: the padding is zeroed, not what the longer left behind
  const short = Buffer.from('abc')
  quickCheckHex(Buffer.alloc(64, 0xff))
  assert.equal(quickCheckHex(short), reference(short))
})

test('any change inside one 8-byte word is always caught: every bit of a sample flipped in turn', () => {
  const bytes = randomBytes(1024 + 5)
  const original = quickCheckHex(bytes)
  const seen = new Set([original])
  for (let at = 0; at < bytes.length; at++) {
    for (let bit = 0; bit < 8; bit++) {
      const damaged = Buffer.from(bytes)
      damaged[at] = (damaged[at] ?? 0) ^ (1 << bit)
      const check = quickCheckHex(damaged)
      assert.notEqual(check, original, `byte ${at} bit ${bit}`)
      seen.add(check ?? '')
    }
  }
  assert.equal(seen.size, 1 + bytes.length * 8, 'every single-bit change gives a check of its own')
})

test('a run verifies a stored file by its quick check when the manifest has one, by sha256 otherwise', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-quick-check-'))
  const bytes = randomBytes(4096)
  writeFileSync(join(dir, 'catalogue-index'), bytes)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const check = quickCheckHex(bytes) ?? ''
  const file = { name: 'catalogue-index', bytes: bytes.length, sha256 }
  assert.ok(Buffer.isBuffer(await readVerified(dir, { ...file, check })))
  assert.ok(Buffer.isBuffer(await readVerified(dir, file)))
  // a check that does not match rejects the file although its sha256 does: the check is what is verified
  const otherCheck = `${check.slice(0, 31)}${check.endsWith('0') ? '1' : '0'}`
  assert.equal(await readVerified(dir, { ...file, check: otherCheck }), 'catalogue-index does not match its checksum')
  assert.ok(Buffer.isBuffer(await readVerified(dir, { ...file, check: otherCheck }, 'sha256')))
  const damaged = Buffer.from(bytes)
  damaged[2000] = (damaged[2000] ?? 0) ^ 0x20
  writeFileSync(join(dir, 'catalogue-index'), damaged)
  assert.equal(await readVerified(dir, { ...file, check }), 'catalogue-index does not match its checksum')
  assert.equal(await readVerified(dir, file), 'catalogue-index does not match its sha256')
  assert.equal(await readVerified(dir, { ...file, check }, 'sha256'), 'catalogue-index does not match its sha256')
})

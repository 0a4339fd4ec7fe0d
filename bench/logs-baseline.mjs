// The baseline of bench/logs.mjs: the fastest bare loop that reads a JSON-lines file, splits it
// into lines and JSON.parses each one, nothing else (what any reader of the file must at least do).
// Synchronous reads of 64 KiB into one reused buffer, each decoded (streaming) into a string under
// V8's large-object size (~128 KiB): 1 MiB chunks decode into 1 MiB strings, in large-object space,
// where TextDecoder.decode and JSON.parse run several times slower on this VM. `graph-doctor logs`
// reads in 64 KiB chunks too, so the ratio compares the work done per record, not the chunk size.
import { closeSync, openSync, readSync } from 'node:fs'

const CHUNK = 64 * 1024
const buffer = new Uint8Array(CHUNK)
const decoder = new TextDecoder()
const fd = openSync(process.argv[2], 'r')
let carry = ''
let records = 0
for (let read = readSync(fd, buffer, 0, CHUNK, null); read > 0; read = readSync(fd, buffer, 0, CHUNK, null)) {
  const text = carry + decoder.decode(buffer.subarray(0, read), { stream: true })
  let start = 0
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    if (end > start) {
      JSON.parse(text.slice(start, end))
      records++
    }
    start = end + 1
  }
  carry = text.slice(start)
}
closeSync(fd)
carry += decoder.decode()
if (carry.trim() !== '') {
  JSON.parse(carry)
  records++
}
process.stderr.write(`${records}\n`)

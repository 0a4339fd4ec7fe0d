// The baseline of bench/logs.mjs: read a JSON-lines file as a stream, split it into lines and
// JSON.parse each one, nothing else (what any reader of the file must at least do).
import { createReadStream } from 'node:fs'

const decoder = new TextDecoder()
let carry = ''
let records = 0
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1024 * 1024 })) {
  const text = carry + decoder.decode(chunk, { stream: true })
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
if (carry.trim() !== '') records++
process.stderr.write(`${records}\n`)

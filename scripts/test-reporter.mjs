// A concise node:test reporter: a dot per ten tests while running, each failure in full (with the
// output of its test file), each skipped test with its reason, and one closing line:
// `N passed, N failed, N skipped in S s`. The counts are node's own (its closing diagnostics).
import { inspect } from 'node:util'

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* conciseReporter(source) {
  /** @type {Map<string, string[]>} output of each test file, shown only when the file has a failure */
  const output = new Map()
  const failedFiles = new Set()
  const counts = new Map()
  let finished = 0
  for await (const { type, data } of source) {
    if (type === 'test:stdout' || type === 'test:stderr') {
      const lines = output.get(data.file) ?? []
      lines.push(data.message)
      output.set(data.file, lines)
    } else if (type === 'test:pass' && data.details?.type !== 'suite') {
      if (data.skip !== undefined) yield `\nskipped: ${data.name} (${data.skip === true ? 'no reason given' : data.skip})\n`
      if (++finished % 10 === 0) yield '.'
    } else if (type === 'test:fail' && data.details?.type !== 'suite') {
      failedFiles.add(data.file)
      yield `\n\nFAILED: ${data.name}\n  at ${data.file ?? '?'}${data.line === undefined ? '' : `:${data.line}`}\n${describe(data.details?.error)}\n`
    } else if (type === 'test:diagnostic' && data.nesting === 0) {
      const [key, value] = String(data.message).split(' ')
      if (key !== undefined && value !== undefined) counts.set(key, Number(value))
    }
  }
  for (const file of failedFiles) {
    const lines = output.get(file)
    if (lines !== undefined) yield `\nOutput of ${file}:\n${lines.join('')}`
  }
  const seconds = ((counts.get('duration_ms') ?? 0) / 1000).toFixed(1)
  yield `\n${counts.get('pass') ?? 0} passed, ${counts.get('fail') ?? 0} failed, ${counts.get('skipped') ?? 0} skipped in ${seconds} s\n`
}

/** The assertion or error that failed the test, with its stack; node wraps it as the cause of a test failure. */
function describe(error) {
  if (error === undefined) return '  (no error reported)'
  const cause = error.code === 'ERR_TEST_FAILURE' && error.cause !== undefined ? error.cause : error
  return inspect(cause, { depth: 6, colors: false, breakLength: 120 })
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')
}

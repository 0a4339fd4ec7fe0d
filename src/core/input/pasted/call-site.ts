/**
 * Where the caller's own code made the call, from a pasted stack trace whose SDK frames do not name it
 * (the JavaScript SDK's GraphError, Kiota's ODataError in TypeScript, a .NET, Java, PHP or Python stack):
 * the innermost frame outside the SDK, its runtime and libraries. The answer then asks for that one
 * line instead of "the line of code". Frames are read line by line with anchored, linear patterns.
 */

/** `    at listUsers (/app/src/directory.ts:14:18)`, `    at async /app/x.js:3:9`. */
const JS_FRAME = /^\s*at (?:async )?(?:([^\s()]{1,200}) \()?((?:[A-Za-z]:)?[^\s():]{1,500}):(\d{1,7}):\d{1,7}\)?(?: \{)?\s*$/
/** `   at MyApp.Services.Users.UpdateAsync(String id) in C:\src\Users.cs:line 42`. */
const DOTNET_FRAME = /^\s*at ([A-Za-z_][\w.`<>+$]{0,300})\((?:[^()\r\n]{0,500})\)(?: in (.{1,500}):line (\d{1,7}))?\s*$/
/** `\tat com.contoso.App.main(App.java:25)`. */
const JAVA_FRAME = /^\s*at ([a-z][\w$]{0,100}(?:\.[\w$<>]{1,100}){1,30})\(([\w$-]{1,200}\.(?:java|kt)):(\d{1,7})\)\s*$/
/** `  File "/app/main.py", line 12, in main`. */
const PYTHON_FRAME = /^\s*File "([^"\r\n]{1,500})", line (\d{1,7}), in ([\w<>.]{1,200})\s*$/

/** `#2 /var/www/app/users.php(18): Microsoft\Graph\…->get()`. */
const PHP_FRAME = /^#\d{1,4} ((?:[A-Za-z]:)?[^\s()]{1,500}\.php)\((\d{1,7})\): /
const JS_LIBRARY = /node_modules|^node:|^internal\/|\(internal\/|<anonymous>/
const DOTNET_LIBRARY = /^(?:Microsoft\.(?:Graph|Kiota|Identity|Extensions|AspNetCore)|System|Azure)\./
const JAVA_LIBRARY = /^(?:com\.microsoft\.|java\.|javax\.|jdk\.|sun\.|kotlin\.|kotlinx\.|okhttp3\.|okio\.|reactor\.|io\.reactivex\.|org\.junit\.|com\.azure\.)/
const PHP_LIBRARY = /[\\/]vendor[\\/]/
const PYTHON_LIBRARY = /site-packages|dist-packages|[\\/]lib[\\/]python\d|[\\/]asyncio[\\/]|^<frozen /

/**
 * Where the caller's code made the call, as words for the answer ("listUsers at /app/src/directory.ts:14"),
 * or undefined when the text has no such frame.
 *
 * @example
 * callSite('GraphError: …\n    at listUsers (/app/src/directory.ts:14:18)') // 'listUsers at /app/src/directory.ts:14'
 */
export function callSite(text: string): string | undefined {
  const lines = text.slice(0, 64_000).split('\n', 2_000)
  let python: string | undefined
  for (const line of lines) {
    const site = jsSite(line) ?? javaSite(line) ?? dotnetSite(line) ?? phpSite(line)
    if (site !== undefined) return site
    // Python prints the outermost frame first: the caller's innermost is its last one outside the libraries.
    python = pythonSite(line) ?? python
  }
  return python
}

function jsSite(line: string): string | undefined {
  const match = JS_FRAME.exec(line)
  if (match === null) return undefined
  const [, name, file = '', row] = match
  if (JS_LIBRARY.test(file) || (name !== undefined && JS_LIBRARY.test(name))) return undefined
  return `${name === undefined || name === 'Object.<anonymous>' ? '' : `${name} at `}${file}:${row ?? ''}`
}

function dotnetSite(line: string): string | undefined {
  const match = DOTNET_FRAME.exec(line)
  // A Java library frame (`at com.microsoft….get(X.java:1)`) reads like a .NET frame without a file.
  if (match === null || /\.(?:java|kt):\d/.test(line)) return undefined
  const [, name = '', file, row] = match
  if (DOTNET_LIBRARY.test(name)) return undefined
  // An async method's state machine: `MyApp.Program.<Main>d__0.MoveNext` is `MyApp.Program.Main`.
  const method = name.replace(/[.+]<([\w]{1,200})>d__\d{1,5}\.MoveNext$/, '.$1')
  return file === undefined ? method : `${method} at ${file}:${row ?? ''}`
}

function javaSite(line: string): string | undefined {
  const match = JAVA_FRAME.exec(line)
  if (match === null) return undefined
  const [, name = '', file = '', row = ''] = match
  return JAVA_LIBRARY.test(name) ? undefined : `${name} at ${file}:${row}`
}

function phpSite(line: string): string | undefined {
  const match = PHP_FRAME.exec(line)
  if (match === null || PHP_LIBRARY.test(match[1] ?? '')) return undefined
  return `${match[1] ?? ''}:${match[2] ?? ''}`
}

function pythonSite(line: string): string | undefined {
  const match = PYTHON_FRAME.exec(line)
  if (match === null) return undefined
  const [, file = '', row = '', name = ''] = match
  if (PYTHON_LIBRARY.test(file)) return undefined
  return `${name === '<module>' ? '' : `${name} at `}${file}:${row}`
}

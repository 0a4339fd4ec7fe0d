// Builds the web page (src/web) into ONE self-contained file, dist/web/graph-doctor.html: the page
// script, its worker (gzip + base64, unpacked by the page and started from a blob URL, so file://
// works; the core's tables compress about 4 to 1), the CSS, and the bundled permission snapshot (data/permissions/catalogue-index, gzip + base64, unpacked in
// the worker with DecompressionStream). The Content-Security-Policy allows exactly the inline script
// and style by their sha256, workers from blob: and nothing else: no connection to any origin.
// Run: npm run build:web (npm run build runs it too). Prints the file's size.
import { build, transform } from 'esbuild'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const root = new URL('../', import.meta.url)
const read = (path) => readFileSync(new URL(path, root), 'utf8')
export const OUTPUT = new URL('dist/web/graph-doctor.html', root)
const TARGET = ['chrome111', 'firefox113', 'safari16.4']
const common = { bundle: true, write: false, format: 'iife', platform: 'browser', target: TARGET, minify: true, legalComments: 'none', logLevel: 'warning' }

/** Inline script text must not close its element or open an HTML comment. */
function inlineSafe(code) {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--')
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

async function bundle(entry) {
  const result = await build({ ...common, entryPoints: [new URL(entry, root).pathname] })
  return result.outputFiles[0].text.trim()
}

export async function buildWebPage() {
  const worker = await bundle('src/web/worker/index.ts')
  const script = inlineSafe(await bundle('src/web/main.ts'))
  const css = (await transform(read('src/web/page.css'), { loader: 'css', minify: true })).code.trim()
  const manifest = JSON.parse(read('data/permissions/snapshot.json'))
  const index = readFileSync(new URL(`data/permissions/${manifest.index.name}`, root))
  const snapshot = gzipSync(index, { level: 9 }).toString('base64')
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(css)}`,
    'worker-src blob:',
    "connect-src 'none'",
    "img-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ')
  const values = {
    CSP: csp,
    CSS: css,
    SCRIPT: script,
    SNAPSHOT: snapshot,
    WORKER: gzipSync(worker, { level: 9 }).toString('base64'),
    DATA_LABEL: `${manifest.upstream.date}, commit ${manifest.upstream.commit.slice(0, 7)}`,
    VERSION: JSON.parse(read('package.json')).version,
  }
  const html = read('src/web/page.html').replace(/\{\{([A-Z_]+)\}\}/g, (_match, name) => {
    if (!(name in values)) throw new Error(`page.html: unknown placeholder ${name}`)
    return values[name]
  })
  mkdirSync(new URL('dist/web/', root), { recursive: true })
  // Written under a temporary name first: test files that build the page at once never read half a file.
  const temporary = new URL(`dist/web/.graph-doctor-${process.pid}.html`, root)
  writeFileSync(temporary, html)
  renameSync(temporary, OUTPUT)
  return { bytes: Buffer.byteLength(html), parts: { script: script.length, worker: values.WORKER.length, css: css.length, snapshot: snapshot.length } }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes, parts } = await buildWebPage()
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`
  console.log(`dist/web/graph-doctor.html: ${kib(bytes)} (script ${kib(parts.script)}, worker ${kib(parts.worker)}, css ${kib(parts.css)}, snapshot ${kib(parts.snapshot)})`)
}

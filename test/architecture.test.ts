/**
 * Imports flow inward only. Rooms: `core` (pure, isomorphic: nothing but core), `render` (core),
 * the surfaces `live`, `integrations`, `web` (core, render and themselves), `index` (the library
 * entry: core, render, integrations) and `cli` (the shell: anything but web). Every file of every
 * room is parsed (test/helpers/module-imports.ts), so side-effect imports, `export … from`, dynamic
 * `import()` and `require` count, and a relative import is resolved to the room it lands in: a core
 * file importing `../index.js` imports the library entry, and through it render.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { DYNAMIC, globalsUsed, moduleSpecifiers } from './helpers/module-imports.js'

type Room = 'core' | 'render' | 'cli' | 'live' | 'integrations' | 'web' | 'index'
const ROOMS: readonly Room[] = ['core', 'render', 'cli', 'live', 'integrations', 'web', 'index']

/** Which rooms each room may import from (itself included). */
const ALLOWED: Readonly<Record<Room, readonly Room[]>> = {
  core: ['core'],
  render: ['core', 'render'],
  live: ['core', 'render', 'live'],
  integrations: ['core', 'render', 'integrations'],
  web: ['core', 'render', 'web'],
  index: ['core', 'render', 'integrations', 'index'],
  cli: ['core', 'render', 'live', 'integrations', 'cli'],
}

/** Rooms that run in a browser too: no `node:` modules, no packages at run time (core) or only browser-safe ones. */
const NO_NODE: readonly Room[] = ['core', 'render', 'integrations', 'web']
const NO_PACKAGES: readonly Room[] = ['core']

function roomOf(path: string): Room | undefined {
  const inSrc = relative(resolve('src'), resolve(path)).split(/[\\/]/)
  if (inSrc[0] === 'index.ts' && inSrc.length === 1) return 'index'
  return ROOMS.find((room) => room === inSrc[0] && inSrc.length > 1)
}

/** The file a relative specifier lands on (`./a.js` is `a.ts`), or undefined for a package or `node:`. */
function targetOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  return resolve(dirname(file), specifier).replace(/\.js$/, '.ts')
}

/** The broken rules of one file, given its path and text. */
function violations(file: string, text: string): string[] {
  const room = roomOf(file)
  if (room === undefined) return [`${file}: not in a room`]
  const found: string[] = []
  for (const specifier of moduleSpecifiers(text, file)) {
    if (specifier === DYNAMIC) found.push(`${file}: import() or require() of a computed name`)
    else if (specifier.startsWith('node:') || /^(fs|path|os|child_process|http|https|url|util|crypto|stream|worker_threads)(\/|$)/.test(specifier)) {
      if (NO_NODE.includes(room)) found.push(`${file}: imports ${specifier} (the ${room} room also runs in a browser)`)
    } else if (!specifier.startsWith('.')) {
      if (NO_PACKAGES.includes(room)) found.push(`${file}: imports package ${specifier} (the core has no runtime dependencies)`)
    } else {
      const target = roomOf(targetOf(file, specifier) ?? '')
      if (target === undefined) found.push(`${file}: imports ${specifier}, outside src/`)
      else if (!ALLOWED[room].includes(target)) found.push(`${file}: imports ${specifier} (${room} may not import ${target})`)
    }
  }
  if (room === 'core') {
    for (const name of globalsUsed(text, ['process', 'console', 'Buffer'])) found.push(`${file}: uses ${name} (the core is pure and runs in a browser)`)
  }
  return found
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true }).map((file) => join(dir, String(file))).filter((file) => /\.(ts|tsx|mts)$/.test(file))
}

test('the import parser sees every form: side effects, type imports, re-exports, dynamic import, require', () => {
  const text = [
    "import 'node:fs'",
    "import type { A } from './types.js'",
    "import def, { b } from './b.js'",
    "import * as c from './c.js'",
    "export * from '../index.js'",
    "export { d } from './d.js'",
    "export type { E } from './e.js'",
    "const f = await import('./f.js')",
    "const g = await import(name)",
    "import h = require('./h.js')",
    "const i = require('./i.js')",
    "type J = typeof import('./j.js')",
    "const notAnImport = 'import x from \"./k.js\"'",
  ].join('\n')
  assert.deepEqual(moduleSpecifiers(text), ['node:fs', './types.js', './b.js', './c.js', '../index.js', './d.js', './e.js', './f.js', DYNAMIC, './h.js', './i.js', './j.js'])
})

test('the rules catch what the old regex-based test missed (each case is a deliberately broken file)', () => {
  const cases: readonly [string, string, RegExp][] = [
    ['src/core/a.ts', "import 'node:fs'", /imports node:fs/],
    ['src/core/a.ts', "export { diagnose } from '../index.js'", /core may not import index/],
    ['src/core/rules/a.ts', "import { renderText } from '../../render/text.js'", /core may not import render/],
    ['src/core/a.ts', "const m = await import('../cli/main.js')", /core may not import cli/],
    ['src/core/a.ts', 'const m = await import(name)', /computed name/],
    ['src/core/a.ts', "import x from 'lodash'", /package lodash/],
    ['src/core/a.ts', 'export const n = process.env.X', /uses process/],
    ['src/render/a.ts', "export * from '../cli/io.js'", /render may not import cli/],
    ['src/render/a.ts', "import 'node:fs'", /imports node:fs/],
    ['src/live/a.ts', "import { x } from '../web/x.js'", /live may not import web/],
    ['src/web/a.ts', "import { readFile } from 'node:fs/promises'", /imports node:fs\/promises/],
    ['src/integrations/a.ts', "import { run } from '../cli/main.js'", /integrations may not import cli/],
    ['src/integrations/a.ts', "import { readFile } from 'node:fs/promises'", /imports node:fs\/promises \(the integrations room also runs in a browser\)/],
    ['src/index.ts', "export { run } from './cli/commands/diagnose.js'", /index may not import cli/],
    ['src/cli/a.ts', "import { x } from '../web/x.js'", /cli may not import web/],
    ['src/core/a.ts', "import x from '../../test/helpers/tokens.js'", /outside src/],
  ]
  for (const [file, text, expected] of cases) {
    const found = violations(file, text)
    assert.ok(found.some((line) => expected.test(line)), `${file}: ${text} gave ${JSON.stringify(found)}`)
  }
  assert.deepEqual(violations('src/cli/a.ts', "import 'node:fs'\nimport { x } from '../live/x.js'\nimport y from 'esbuild'"), [])
  assert.deepEqual(violations('src/core/a.ts', "// process.exit is not called here\nimport { y } from './y.js'\nconst text = 'the sign-in process'\nconst o = { console: 1 }"), [])
  assert.deepEqual(violations('src/core/a.ts', 'const b = Buffer.from(x); console.log(b)').length, 2)
})

for (const room of ROOMS) {
  test(`every file of src/${room === 'index' ? 'index.ts' : room} keeps its room's rules`, () => {
    const files = room === 'index' ? ['src/index.ts'] : sourceFiles(join('src', room))
    if (['core', 'render', 'cli', 'index'].includes(room)) assert.ok(files.length > 0, `src/${room} has no files: the scan is broken`)
    for (const file of files) assert.deepEqual(violations(file, readFileSync(file, 'utf8')), [])
  })
}

test('every folder of src/ is a known room', () => {
  const unknown = readdirSync('src').filter((name) => name !== 'index.ts' && !ROOMS.includes(name as Room))
  assert.deepEqual(unknown, [], 'a new room needs its rules here')
})

test('only src/cli/main.ts calls process.exit', () => {
  for (const file of sourceFiles('src')) {
    if (file === join('src', 'cli', 'main.ts')) continue
    assert.ok(!/process\.exit\(/.test(readFileSync(file, 'utf8')), `${file} calls process.exit`)
  }
})

// Bundles the CLI into dist/bin/: a small entry (graph-doctor.js) and ONE self-contained file per command
// (chunks/<command>-<hash>.cjs), without shared chunks, and each command's help text apart
// (chunks/help-<command>.cjs). Node's ES
// module loader costs about a millisecond per module (resolve, read, link), so a command made of a
// dozen shared chunks started slower than one file holding some code the run does not execute.
// Inside a command file, its own lazy `import()`s become deferred initialisers: still evaluated only
// when used. Whitespace and syntax are minified (less to scan); identifiers are kept so stack traces
// stay readable. Run after tsc.
//
// The bin and the command files are CommonJS, loaded with require(): starting Node's ES module loader
// at all (its own internal modules, the async link and evaluate steps) cost more than any one command's
// code on a cold start. dist/bin/package.json says so for the bin's `.js`; the command files are `.cjs`;
// chunks/package.json keeps the `logs --workers` worker (chunks/logs-worker.js) an ES module.
import { build } from 'esbuild'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, relative } from 'node:path'

const COMMANDS = ['diagnose', 'token', 'aadsts', 'perms', 'data', 'proxy', 'kql', 'logs', 'merge', 'web']
const outdir = new URL('../dist/bin/', import.meta.url).pathname
const common = {
  bundle: true,
  splitting: false,
  minifyWhitespace: true,
  minifySyntax: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
}
/**
 * CommonJS output: `import.meta.url` becomes the file's own URL, made when first read, and
 * `import.meta.dirname` its folder (the code finds data/ and package.json from them).
 */
const commonJs = {
  ...common,
  format: 'cjs',
  define: { 'import.meta.url': 'import_meta.url', 'import.meta.dirname': 'import_meta.dirname' },
  inject: [new URL('./cjs-import-meta.js', import.meta.url).pathname],
}

rmSync(outdir, { recursive: true, force: true })

// Generated data tables that a diagnosis rarely needs are not compiled on every run: they go into a
// file of their own, and a command file holds in their place a stub whose exports load that file on
// first access (their importers read them only inside functions). Only modules without imports of
// their own belong here: a module loaded twice would be two modules.
const LAZY_DATA = {
  name: 'aadsts-data',
  modules: ['src/core/data/aadsts-codes.ts', 'src/core/data/aadsts-extra.ts', 'src/core/data/aadsts-fixes.ts'],
}
const lazyDataEntry = { contents: LAZY_DATA.modules.map((file) => `export * from './${file}'`).join('\n'), resolveDir: process.cwd(), loader: 'ts' }
await build({ ...commonJs, stdin: lazyDataEntry, outfile: `${outdir}chunks/${LAZY_DATA.name}.cjs` })
const lazyDataExports = Object.values((await build({ ...common, format: 'esm', stdin: lazyDataEntry, outdir, write: false, metafile: true })).metafile.outputs)[0]?.exports ?? []
if (lazyDataExports.length === 0) throw new Error(`${LAZY_DATA.name}: no exports`)
const lazyDataFile = `./${LAZY_DATA.name}.cjs`
const lazyModules = new Set(LAZY_DATA.modules.map((file) => new URL(`../${file}`, import.meta.url).pathname))
// (the stub's name in the bundle is the module's path relative to the repository, as esbuild names modules)

/** Imports of a lazy data module from the rest of the code resolve to the stub. */
const lazyDataStub = {
  name: 'lazy-data-stub',
  setup(builder) {
    builder.onResolve({ filter: /^\.{1,2}\/.*\.js$/ }, (args) => {
      if (args.namespace !== 'file') return undefined
      const target = new URL(args.path.replace(/\.js$/, '.ts'), `file://${args.importer}`).pathname
      if (!lazyModules.has(target) || lazyModules.has(args.importer)) return undefined
      return { path: relative(process.cwd(), target), namespace: 'lazy-data' }
    })
    builder.onResolve({ filter: /^\.\/[a-z-]+\.cjs$/ }, (args) => (args.path === lazyDataFile ? { path: lazyDataFile, external: true } : undefined))
    builder.onLoad({ filter: /.*/, namespace: 'lazy-data' }, () => ({
      loader: 'js',
      contents: `let loaded\nconst load = () => (loaded ??= require(${JSON.stringify(lazyDataFile)}))\nmodule.exports = {\n${lazyDataExports.map((name) => `  get ${name}() { return load().${name} },`).join('\n')}\n}\n`,
    }))
  },
}

const commands = await build({
  ...commonJs,
  plugins: [lazyDataStub],
  entryPoints: Object.fromEntries(COMMANDS.map((name) => [name, `src/cli/commands/${name}.ts`])),
  outdir,
  entryNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.cjs' },
  metafile: true,
})
const commandFile = new Map()
for (const [file, output] of Object.entries(commands.metafile.outputs)) {
  if (output.entryPoint !== undefined) commandFile.set(basename(output.entryPoint, '.ts'), `./${relative('dist/bin', file)}`)
}

/**
 * The entry's `import('../commands/<name>.js')` (src/cli/bin/command-table.ts) points at that command's bundle instead of inlining it,
 * loaded through V8's code cache (chunks/code-cache.cjs, from src/cli/bin/code-cache.ts) unless the file
 * holds a native `import()` (vm.Script would need an ES module loader for it): the compile of a command
 * file and of the functions a run calls was the largest part of a diagnose's start-up. The loader is a
 * file of its own so that --help and --version do not compile it.
 */
const CODE_CACHE_FILE = './chunks/code-cache.cjs'
await build({ ...commonJs, entryPoints: ['src/cli/bin/code-cache.ts'], outfile: `${outdir}${CODE_CACHE_FILE.slice(2)}` })
// The help texts (src/cli/commands/help/<name>.ts, plain data) are files of their own too,
// chunks/help-<name>.cjs, required only by `--help`: in the bin they were about 20 KB of its 49 KB,
// parsed on every run.
const helpFiles = await build({
  ...commonJs,
  entryPoints: Object.fromEntries(COMMANDS.map((name) => [`help-${name}`, `src/cli/commands/help/${name}.ts`])),
  outdir,
  entryNames: 'chunks/[name]',
  outExtension: { '.js': '.cjs' },
  metafile: true,
})
const helpFile = new Map()
for (const [file, output] of Object.entries(helpFiles.metafile.outputs)) {
  if (output.entryPoint !== undefined) helpFile.set(basename(output.entryPoint, '.ts'), `./${relative('dist/bin', file)}`)
}
const commandsAreExternal = {
  name: 'commands-are-external',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/commands\/[a-z]+\.js$/ }, (args) => {
      const path = commandFile.get(basename(args.path, '.js'))
      return path === undefined ? undefined : { path, external: true }
    })
    builder.onResolve({ filter: /^\.\.\/commands\/help\/[a-z]+\.js$/ }, (args) => {
      const path = helpFile.get(basename(args.path, '.js'))
      return path === undefined ? undefined : { path, external: true }
    })
  },
}
/** Command files that keep a native `import()` (an optional package, a lazily loaded built-in). */
const nativeImports = new Set([...commandFile.values()].filter((path) => /(^|[^\w$.])import\(/.test(readFileSync(new URL(path, `file://${outdir}`), 'utf8'))))
// Without native import() the entry loads each command file with require() (no ES module loader).
await build({ ...commonJs, entryPoints: { 'graph-doctor': 'src/cli/main.ts' }, outdir, plugins: [commandsAreExternal], supported: { 'dynamic-import': false } })
// `require("./chunks/<command>.cjs")` becomes `requireChunk(…)`: the code cache's loader, for the files it may load.
const binFile = new URL('graph-doctor.js', `file://${outdir}`)
const cached = [...commandFile.values()].filter((path) => !nativeImports.has(path))
let bin = readFileSync(binFile, 'utf8')
for (const path of cached) {
  const call = `require(${JSON.stringify(path)})`
  if (bin.split(call).length !== 2) throw new Error(`the bin should require ${path} once`)
  bin = bin.replace(call, `requireChunk(${JSON.stringify(path)})`)
}
const strict = '#!/usr/bin/env node\n"use strict";'
if (!bin.startsWith(strict)) throw new Error('the bin should start with its shebang and "use strict"')
// Node 22.1+ has its own compile cache (main.ts enables it), which serves require() itself; on Node 20
// node:module is not loaded at all (its public module loads the ES module loader's files).
const requireChunk = `function requireChunk(path){return+process.versions.node.split(".")[0]>=22&&require("node:module").enableCompileCache?require(path):require(${JSON.stringify(CODE_CACHE_FILE)}).requireWithCodeCache(require("node:path").join(__dirname,path)).exports}`
bin = `${strict}${requireChunk}${bin.slice(strict.length)}`
writeFileSync(binFile, bin)
writeFileSync(new URL('package.json', `file://${outdir}`), '{ "type": "commonjs" }\n')
// `logs --workers`: the worker threads' entry, next to the command files (the logs command finds it at
// ./logs-worker.js; the snapshot is found from there as from any command file).
await build({ ...common, format: 'esm', entryPoints: { 'logs-worker': 'src/cli/logs/worker.ts' }, outdir, entryNames: 'chunks/[name]' })
writeFileSync(new URL('chunks/package.json', `file://${outdir}`), '{ "type": "module" }\n')

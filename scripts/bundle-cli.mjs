// Bundles the CLI into dist/bin/ (one chunk per command, shared code split out), because loading
// ~140 separate ES modules costs more start-up time than the work itself. Run after tsc.
import { build } from 'esbuild'
import { rmSync } from 'node:fs'

const outdir = new URL('../dist/bin/', import.meta.url).pathname
rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: { 'graph-doctor': 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
})

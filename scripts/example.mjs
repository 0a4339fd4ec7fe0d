// `npm run example` (the last step of `npm start`): diagnose the bundled capture. The permission map is
// never bundled; when the shared data folder sits beside the clone (as in development and CI) it is
// used, otherwise graph-doctor explains how to get it and diagnoses without it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const sharedData = fileURLToPath(new URL('../../shared/data/devx-content/', import.meta.url))
const args = ['dist/bin/graph-doctor.js', 'diagnose', 'examples/failing-calls.har', ...process.argv.slice(2)]
const hasOwnData = Boolean(process.env.GRAPH_DOCTOR_PERMISSIONS) || args.includes('--permissions')
if (!hasOwnData && existsSync(`${sharedData}permissions.json`)) args.push('--permissions', sharedData)

const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
// Exit 1 means "error findings", which is what the example is made of.
process.exitCode = run.status === 0 || run.status === 1 ? 0 : (run.status ?? 2)

// `npm run example` (the last step of `npm start`): diagnose the bundled capture with the permission data
// graph-doctor finds on its own (the snapshot bundled in data/permissions/ on a fresh clone).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = ['dist/bin/graph-doctor.js', 'diagnose', 'examples/failing-calls.har', ...process.argv.slice(2)]
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
// Exit 1 means "error findings", which is what the example is made of.
process.exitCode = run.status === 0 || run.status === 1 ? 0 : (run.status ?? 2)

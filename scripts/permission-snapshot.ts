// `npm run data:snapshot`: derives the bundled permission snapshot (data/permissions/) from the three
// official files of microsoftgraph/microsoft-graph-devx-content. The ONLY writer of that folder: whoever
// changes the index format or the engine's corrections reruns it, and test/data-snapshot.test.ts
// checks (when ../shared/data is present) that the committed files are exactly what it writes.
//
//   npm run data:snapshot                      # from ../shared/data/devx-content, provenance from ../shared/data/SOURCES.md
//   npm run data:snapshot -- --from DIR --commit SHA --date YYYY-MM-DD
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildPermissionCatalogue, serializeCatalogueIndex } from '../src/core/permissions/index.js'
import { DATA_FILE_ROLES, DATA_FILES, type DataFileRole } from '../src/cli/data/manifest.js'
import { SNAPSHOT_FILES, type SnapshotManifest } from '../src/cli/data/snapshot.js'

export const REPOSITORY = 'https://github.com/microsoftgraph/microsoft-graph-devx-content'
const UPSTREAM_PATHS: Readonly<Record<DataFileRole, string>> = {
  permissions: 'permissions/new/permissions.json',
  provisioningInfo: 'permissions/new/provisioningInfo.json',
  descriptions: 'permissions/permissions-descriptions.json',
}
export const SHARED_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url))
export const SNAPSHOT_DIR = fileURLToPath(new URL('../data/permissions/', import.meta.url))

export interface Provenance {
  readonly commit: string
  /** YYYY-MM-DD of the upstream commit. */
  readonly date: string
  readonly branch: string
}

/** Commit and date of the devx-content copy, from the `devx-content/` section of shared/data/SOURCES.md. */
export function provenanceFromSources(markdown: string): Provenance {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('devx-content/')) ?? ''
  const match = /Branch `([^`]+)`, commit `([0-9a-f]{40})` \("[^"]*?(\d{4}-\d{2}-\d{2})"\)/.exec(section)
  if (match === null) throw new Error('SOURCES.md names no devx-content branch, commit and dated commit message: pass --commit and --date')
  return { branch: match[1] ?? '', commit: match[2] ?? '', date: match[3] ?? '' }
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex')

function licence(provenance: Provenance): string {
  return `The files in this folder are derived by scripts/permission-snapshot.ts from
microsoftgraph/microsoft-graph-devx-content (${REPOSITORY}),
branch ${provenance.branch}, commit ${provenance.commit} (${provenance.date}):
${Object.values(UPSTREAM_PATHS).join(', ')}.
That data is published under the MIT licence:

MIT License

Copyright (c) 2020 Microsoft Graph

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`
}

/** The snapshot's files by name, derived from the three upstream files in `dir`. Pure apart from reading them. */
export function snapshotFiles(dir: string, provenance: Provenance): Map<string, string | Uint8Array> {
  const raw = {} as Record<DataFileRole, Buffer>
  for (const role of DATA_FILE_ROLES) raw[role] = readFileSync(join(dir, DATA_FILES[role]))
  const parse = (role: DataFileRole): unknown => JSON.parse(raw[role].toString('utf8'))
  const catalogue = buildPermissionCatalogue({ permissions: parse('permissions'), provisioningInfo: parse('provisioningInfo'), descriptions: parse('descriptions') })
  const index = serializeCatalogueIndex(catalogue)
  const files = {} as Record<DataFileRole, { path: string; bytes: number; sha256: string }>
  for (const role of DATA_FILE_ROLES) files[role] = { path: UPSTREAM_PATHS[role], bytes: raw[role].byteLength, sha256: sha256(raw[role]) }
  const manifest: SnapshotManifest = {
    format: 'graph-doctor/permission-snapshot',
    version: 1,
    upstream: { repository: REPOSITORY, branch: provenance.branch, commit: provenance.commit, date: provenance.date, licence: 'MIT', files },
    index: { name: SNAPSHOT_FILES.index, bytes: Buffer.byteLength(index), sha256: sha256(index) },
    stats: { templates: catalogue.stats.templates, permissions: catalogue.stats.permissions },
  }
  return new Map<string, string | Uint8Array>([
    [SNAPSHOT_FILES.manifest, `${JSON.stringify(manifest, null, 2)}\n`],
    [SNAPSHOT_FILES.index, index],
    [SNAPSHOT_FILES.licence, licence(provenance)],
  ])
}

function main(): void {
  const { values } = parseArgs({ options: { from: { type: 'string' }, commit: { type: 'string' }, date: { type: 'string' }, branch: { type: 'string' } } })
  const from = values.from ?? join(SHARED_DATA, 'devx-content')
  const named = values.commit !== undefined && values.date !== undefined
  const provenance = named
    ? { commit: values.commit ?? '', date: values.date ?? '', branch: values.branch ?? 'master' }
    : provenanceFromSources(readFileSync(join(SHARED_DATA, 'SOURCES.md'), 'utf8'))
  if (!/^[0-9a-f]{40}$/.test(provenance.commit) || !/^\d{4}-\d{2}-\d{2}$/.test(provenance.date)) throw new Error('--commit takes a 40-hex commit, --date YYYY-MM-DD')
  const files = snapshotFiles(from, provenance)
  mkdirSync(SNAPSHOT_DIR, { recursive: true })
  for (const name of readdirSync(SNAPSHOT_DIR)) if (!files.has(name)) rmSync(join(SNAPSHOT_DIR, name))
  for (const [name, text] of files) writeFileSync(join(SNAPSHOT_DIR, name), text)
  const total = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0)
  console.log(`wrote ${SNAPSHOT_DIR}: ${[...files.keys()].join(', ')} (${total.toLocaleString('en-US')} bytes) from ${from} @ ${provenance.commit.slice(0, 12)}`)
}

if (import.meta.url === `file://${process.argv[1]}`) main()

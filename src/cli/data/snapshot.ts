/**
 * The permission snapshot shipped with graph-doctor in `data/permissions/`: the derived catalogue index
 * of one pinned upstream commit, its provenance and the upstream licence. Written only by
 * `npm run data:snapshot` (scripts/permission-snapshot.ts); the lowest-precedence data source.
 */
import { readFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { loadIndex } from './engine.js'
import { readIfExists } from './fs-util.js'
import type { DataFileRole } from './manifest.js'

export const SNAPSHOT_FILES = { manifest: 'snapshot.json', index: 'catalogue-index', licence: 'LICENSE' } as const

/** One upstream file the snapshot was derived from. */
export interface UpstreamFile {
  /** Path inside the upstream repository. */
  readonly path: string
  readonly bytes: number
  readonly sha256: string
}

/** `snapshot.json`: where the data came from, and the index it was turned into. */
export interface SnapshotManifest {
  readonly format: 'graph-doctor/permission-snapshot'
  readonly version: 1
  readonly upstream: {
    readonly repository: string
    readonly branch: string
    readonly commit: string
    /** Date of the upstream commit (YYYY-MM-DD): the age of the data. */
    readonly date: string
    readonly licence: string
    readonly files: Readonly<Record<DataFileRole, UpstreamFile>>
  }
  readonly index: { readonly name: string; readonly bytes: number; readonly sha256: string }
  readonly stats: { readonly templates: number; readonly permissions: number }
}

/**
 * `data/permissions/` of this installation. The CLI runs from `dist/bin/chunks/*.js` (bundled), and
 * tests from `src/cli/data/*.ts`: both three folders below the package root.
 */
export function snapshotDir(): string {
  // the folder, not a URL: building the module's URL and converting it back cost a run its first URL
  return `${join(import.meta.dirname, '..', '..', '..', 'data', 'permissions')}${sep}`
}

export type SnapshotLoad =
  | { readonly state: 'loaded'; readonly catalogue: PermissionCatalogue; readonly manifest: SnapshotManifest }
  | { readonly state: 'missing' | 'damaged'; readonly problem: string }

/** The manifest of the bundled snapshot, or a problem string. Reads one small file. */
export async function readSnapshotManifest(dir: string = snapshotDir()): Promise<SnapshotManifest | string> {
  let text: string
  try {
    text = readFileSync(join(dir, SNAPSHOT_FILES.manifest), 'utf8')
  } catch {
    return `the bundled permission snapshot is missing (${join(dir, SNAPSHOT_FILES.manifest)})`
  }
  try {
    const manifest = JSON.parse(text) as Partial<SnapshotManifest>
    if (manifest.format !== 'graph-doctor/permission-snapshot' || manifest.version !== 1) return 'the bundled permission snapshot has an unknown format'
    if (typeof manifest.upstream?.date !== 'string' || typeof manifest.index?.bytes !== 'number') return 'the bundled permission snapshot lacks its provenance'
    return manifest as SnapshotManifest
  } catch {
    return 'the bundled permission snapshot manifest is not valid JSON'
  }
}

/**
 * Load the bundled snapshot. Its size is checked against the manifest (a truncated install fails
 * here); the index framing checks the rest as it loads. `data status` verifies the sha256 too.
 */
export async function loadSnapshot(dir: string = snapshotDir()): Promise<SnapshotLoad> {
  const manifest = await readSnapshotManifest(dir)
  if (typeof manifest === 'string') return { state: manifest.includes('missing') ? 'missing' : 'damaged', problem: manifest }
  const bytes = await readIfExists(join(dir, manifest.index.name))
  if (bytes === undefined) return { state: 'missing', problem: `the bundled permission snapshot has no ${manifest.index.name}` }
  if (bytes.byteLength !== manifest.index.bytes) return { state: 'damaged', problem: `the bundled permission snapshot ${manifest.index.name} is truncated` }
  try {
    return { state: 'loaded', catalogue: loadIndex(bytes), manifest }
  } catch (error) {
    return { state: 'damaged', problem: `the bundled permission snapshot cannot be read (${error instanceof Error ? error.message : String(error)})` }
  }
}

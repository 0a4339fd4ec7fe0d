import { formatBytes } from './fs-util.js'
import type { CacheStatus } from './status.js'
import type { UpdateResult } from './update.js'

const HOW_TO_FILL =
  'Run `graph-doctor data update` (or `graph-doctor data update --from DIR` on a machine without internet), or pass --permissions FILE.'

/** Text of `graph-doctor data status`. */
export function renderCacheStatusText(status: CacheStatus): string {
  const lines: string[] = []
  if (status.state === 'empty') {
    lines.push(`Permission data: none in ${status.cacheDir}.`, HOW_TO_FILL)
  } else if (status.state === 'damaged') {
    lines.push(`Permission data: damaged, not used (${status.problem ?? 'unknown problem'}).`, `  cache     ${status.cacheDir}`)
    lines.push('Run `graph-doctor data update` to replace it.')
  } else {
    lines.push('Permission data: ready', `  cache     ${status.cacheDir}`)
  }
  if (status.source !== undefined) lines.push(`  source    ${status.source}`)
  if (status.updatedAt !== undefined) lines.push(`  updated   ${status.updatedAt}`)
  if (status.stats !== undefined) lines.push(`  counts    ${status.stats.permissions.toLocaleString('en-US')} permissions, ${status.stats.templates.toLocaleString('en-US')} templates`)
  lines.push(...fileLines(status))
  if (status.state !== 'empty' && status.files.length > 0) {
    lines.push(`  index     ${status.isIndexUsable ? 'present and valid' : 'not usable by this graph-doctor (it rebuilds in memory; run `graph-doctor data update`)'}`)
  }
  if (status.overriddenBy !== undefined) lines.push(`Note: GRAPH_DOCTOR_PERMISSIONS=${status.overriddenBy} takes precedence over this cache.`)
  return `${lines.join('\n')}\n`
}

function fileLines(status: CacheStatus): string[] {
  const width = Math.max(0, ...status.files.map((file) => file.name.length))
  return status.files.map((file, index) => {
    const label = index === 0 ? '  files     ' : '            '
    const size = file.bytes.toLocaleString('en-US').padStart(11)
    const verdict = file.isIntact ? 'ok' : `DAMAGED: ${file.problem ?? ''}`
    return `${label}${file.name.padEnd(width)}  ${size} bytes  sha256 ${file.sha256.slice(0, 12)}  ${verdict}`
  })
}

/** The one-line summary of a successful `data update`. */
export function renderUpdateSummary(result: UpdateResult): string {
  const { manifest } = result
  const total = Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0)
  const counts = `${manifest.stats.permissions.toLocaleString('en-US')} permissions, ${manifest.stats.templates.toLocaleString('en-US')} templates`
  const seconds = (result.elapsedMs / 1000).toFixed(1)
  return `Updated permission data from ${manifest.source}: ${counts}, ${formatBytes(total)} in ${seconds} s (sha256 ${manifest.files.permissions.sha256.slice(0, 12)}), cache ${result.cacheDir}\n`
}

import { ageInDays, STALE_DAYS } from './age.js'
import { formatBytes } from './fs-util.js'
import type { CacheStatus } from './status.js'
import type { UpdateResult } from './update.js'

const HOW_TO_FILL =
  'Run `graph-doctor data update` (or `graph-doctor data update --from DIR|FILE` on a machine without internet), or pass --permissions FILE.'

/** Text of `graph-doctor data status`. */
export function renderCacheStatusText(status: CacheStatus, now: Date = new Date()): string {
  const lines = [...inUseLines(status, now)]
  if (status.state === 'empty') {
    lines.push(`Cache: empty (${status.cacheDir}).`)
    if (status.inUse === undefined) lines.push(HOW_TO_FILL)
  } else if (status.state === 'damaged') {
    lines.push(`Cache: damaged, not used (${status.problem ?? 'unknown problem'}).`, `  cache     ${status.cacheDir}`)
    lines.push('Run `graph-doctor data update` to replace it.')
  } else {
    lines.push('Cache: ready', `  cache     ${status.cacheDir}`)
  }
  if (status.source !== undefined) lines.push(`  source    ${status.source}`)
  if (status.updatedAt !== undefined) lines.push(`  updated   ${status.updatedAt}`)
  if (status.stats !== undefined) lines.push(`  counts    ${status.stats.permissions.toLocaleString('en-US')} permissions, ${status.stats.templates.toLocaleString('en-US')} templates`)
  lines.push(...fileLines(status))
  if (status.state !== 'empty' && status.files.length > 0) {
    lines.push(`  index     ${status.isIndexUsable ? 'present and valid' : 'not usable by this graph-doctor (it rebuilds in memory; run `graph-doctor data update`)'}`)
  }
  lines.push(snapshotLine(status))
  return `${lines.join('\n')}\n`
}

function inUseLines(status: CacheStatus, now: Date): string[] {
  const { inUse } = status
  if (inUse === undefined) return ['In use: no permission data (permission checks are skipped).']
  if (inUse.source === 'GRAPH_DOCTOR_PERMISSIONS') return [`In use: GRAPH_DOCTOR_PERMISSIONS=${inUse.location} (it takes precedence over the cache and the snapshot).`]
  const age = inUse.date === undefined ? undefined : ageInDays(inUse.date, now)
  const what = inUse.source === 'cache' ? 'the cache' : `the bundled snapshot (upstream data of ${inUse.date ?? 'unknown date'})`
  const lines = [`In use: ${what}${age === undefined ? '' : `, ${age} days old`}.`]
  if (age !== undefined && age > STALE_DAYS) lines.push(`It is more than ${STALE_DAYS} days old: \`graph-doctor data update\` fetches the current map.`)
  return lines
}

function snapshotLine(status: CacheStatus): string {
  const { snapshot } = status
  if (!snapshot.isIntact) return `Bundled snapshot: not usable (${snapshot.problem ?? 'unknown problem'}), ${snapshot.location}`
  const counts = snapshot.stats === undefined ? '' : `, ${snapshot.stats.templates.toLocaleString('en-US')} templates`
  return `Bundled snapshot: microsoft-graph-devx-content ${snapshot.commit?.slice(0, 12) ?? ''} of ${snapshot.date ?? '?'}${counts}, intact (${snapshot.location})`
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

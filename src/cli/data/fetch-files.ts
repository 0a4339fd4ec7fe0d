import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { GraphDoctorError } from '../../core/errors.js'
import { isErrnoCode } from './fs-util.js'
import { DATA_FILE_ROLES, DATA_FILES, type DataFileRole } from './manifest.js'
import type { FileProgress } from './progress.js'

const UPSTREAM = 'https://raw.githubusercontent.com/microsoftgraph/microsoft-graph-devx-content/master/permissions/'

/** Where each data file comes from: the upstream raw URLs by default. */
export interface SourcePlan {
  /** Recorded in the manifest and shown by `data status`. Never holds credentials or a query. */
  readonly label: string
  readonly kind: 'url' | 'dir'
  readonly locations: Readonly<Record<DataFileRole, string>>
}

/** Upper bound for one file (permissions.json is ~3 MB): refuses a runaway download. */
const MAX_BYTES = 128 * 1024 * 1024
const TIMEOUT_MS = 120_000

/**
 * Plan where to take the files from. `from` is a base URL holding the three files by name, a
 * `file:` URL, a directory (relative to `cwd`) or a permissions.json (the GUID files taken from
 * beside it); absent means upstream.
 */
export function planSources(from: string | undefined, cwd: string): SourcePlan {
  if (from === undefined) {
    const locations = {
      permissions: `${UPSTREAM}new/${DATA_FILES.permissions}`,
      provisioningInfo: `${UPSTREAM}new/${DATA_FILES.provisioningInfo}`,
      descriptions: `${UPSTREAM}${DATA_FILES.descriptions}`,
    }
    return { label: UPSTREAM, kind: 'url', locations }
  }
  if (/^https?:\/\//i.test(from)) {
    const base = new URL(from.endsWith('/') ? from : `${from}/`)
    const locations = mapRoles((role) => new URL(DATA_FILES[role], base).href)
    return { label: displayUrl(base.href), kind: 'url', locations }
  }
  const path = from.startsWith('file:') ? fileURLToPath(from) : isAbsolute(from) ? from : resolve(cwd, from)
  if (!isFile(path)) return { label: path, kind: 'dir', locations: mapRoles((role) => join(path, DATA_FILES[role])) }
  const locations = mapRoles((role) => (role === 'permissions' ? path : join(dirname(path), DATA_FILES[role])))
  return { label: path, kind: 'dir', locations }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function mapRoles(locate: (role: DataFileRole) => string): Record<DataFileRole, string> {
  const result: Partial<Record<DataFileRole, string>> = {}
  for (const role of DATA_FILE_ROLES) result[role] = locate(role)
  return result as Record<DataFileRole, string>
}

/** A URL fit for messages: no user info, no query (mirrors may carry signatures there). */
export function displayUrl(href: string): string {
  try {
    const url = new URL(href)
    return `${url.protocol}//${url.host}${url.pathname}`
  } catch {
    return '<invalid URL>'
  }
}

/** Network failures that mean "no way out": the advice is then to copy the files over by hand. */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'])

const OFFLINE_ADVICE =
  'without internet access, copy permissions.json (and provisioningInfo.json, permissions-descriptions.json) from microsoftgraph/microsoft-graph-devx-content and run `graph-doctor data update --from DIR|FILE`; until then graph-doctor keeps using the data it has'

/** Fetch one file over HTTP(S) with progress. Throws ERR_DOWNLOAD_FAILED with one line. */
export async function fetchBytes(href: string, progress: (total: number | undefined) => FileProgress): Promise<Uint8Array> {
  const shown = displayUrl(href)
  let response: Response
  try {
    response = await fetch(href, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' })
  } catch (error) {
    const reason = networkReason(error)
    const advice = OFFLINE_CODES.has(reason) || reason.startsWith('no answer') ? ` (${OFFLINE_ADVICE})` : ''
    throw new GraphDoctorError('ERR_DOWNLOAD_FAILED', `GET ${shown} failed: ${reason}${advice}`, { cause: error })
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined)
    throw new GraphDoctorError('ERR_DOWNLOAD_FAILED', `GET ${shown} answered HTTP ${response.status} ${response.statusText}`.trim())
  }
  const length = Number(response.headers.get('content-length') ?? Number.NaN)
  const total = Number.isFinite(length) && length > 0 ? length : undefined
  try {
    return await readBody(response, progress(total), shown)
  } catch (error) {
    if (error instanceof GraphDoctorError) throw error
    throw new GraphDoctorError('ERR_DOWNLOAD_FAILED', `GET ${shown} broke off: ${networkReason(error)}`, { cause: error })
  }
}

async function readBody(response: Response, progress: FileProgress, shown: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body?.getReader()
  for (let part = await reader?.read(); part !== undefined && !part.done; part = await reader?.read()) {
    size += part.value.byteLength
    if (size > MAX_BYTES) {
      await reader?.cancel().catch(() => undefined)
      throw new GraphDoctorError('ERR_DOWNLOAD_FAILED', `GET ${shown} is larger than ${MAX_BYTES} bytes`)
    }
    chunks.push(part.value)
    progress.advance(part.value.byteLength)
  }
  progress.done()
  return Buffer.concat(chunks, size)
}

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined
  if (cause !== undefined && typeof cause.code === 'string') return cause.code
  if (cause !== undefined && typeof cause.message === 'string') return cause.message
  return error.message
}

/**
 * Copy one file from a directory (air-gapped machines); undefined when an optional file is absent.
 * Throws ERR_DOWNLOAD_FAILED with one line.
 */
export async function readLocalBytes(path: string, progress: (total: number | undefined) => FileProgress, isOptional = false): Promise<Uint8Array | undefined> {
  try {
    const bytes = await readFile(path)
    const tracker = progress(bytes.byteLength)
    tracker.advance(bytes.byteLength)
    tracker.done()
    return bytes
  } catch (error) {
    if (isOptional && isErrnoCode(error, 'ENOENT')) return undefined
    const reason = isErrnoCode(error, 'ENOENT') ? 'no such file' : isErrnoCode(error, 'EISDIR') ? 'is a directory' : 'unreadable'
    throw new GraphDoctorError('ERR_DOWNLOAD_FAILED', `cannot read ${path}: ${reason}`, { cause: error })
  }
}

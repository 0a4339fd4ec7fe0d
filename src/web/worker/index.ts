/**
 * The page's Web Worker: holds the permission catalogue and runs the core (parse, diagnose, token,
 * permissions) off the main thread, so that the page stays responsive on a large HAR. Built into an
 * inline script and started from a blob URL, so it works from file:// too.
 */
import { isGraphDoctorError } from '../../core/errors.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { redactSecrets } from '../../core/redact.js'
import type { DataInfo, PageRequest, WorkerReply } from '../protocol.js'
import { analyseFile, analyseText, keptResult } from './analyse.js'
import { loadEmbeddedSnapshot, loadPermissionFile } from './catalogue.js'
import { lookupPermissions } from './perms.js'

interface WorkerScope {
  postMessage(message: WorkerReply): void
  onmessage: ((event: MessageEvent<PageRequest>) => void) | null
}

const scope = globalThis as unknown as WorkerScope
const post = (reply: WorkerReply): void => scope.postMessage(reply)
let catalogue: Promise<PermissionCatalogue | undefined> = Promise.resolve(undefined)

/** An error as one line for the page: our own messages as they are, anything else named as a bug. */
function messageOf(error: unknown): string {
  if (isGraphDoctorError(error)) return redactSecrets(error.message)
  const text = error instanceof Error ? error.message : String(error)
  return `graph-doctor failed on this input (${redactSecrets(text)}); please report it.`
}

async function handle(request: PageRequest): Promise<void> {
  switch (request.type) {
    case 'init': {
      catalogue = loadEmbeddedSnapshot(request.snapshot)
      await catalogue
      post({ type: 'ready', data: { source: 'snapshot', label: request.label } })
      return
    }
    case 'text':
      return analyseText(request.id, request.text, request.name, await catalogue, post)
    case 'file':
      return analyseFile(request.id, request.file, await catalogue, post)
    case 'perms': {
      const loaded = await catalogue
      if (loaded === undefined) throw new Error('no permission data loaded')
      post({ type: 'perms', id: request.id, answer: lookupPermissions(loaded, request.method, request.url, request.token) })
      return
    }
    case 'result': {
      const result = keptResult(request.index)
      if (result === undefined) throw new Error(`no result ${request.index}`)
      post({ type: 'result', id: request.id, index: request.index, result })
      return
    }
    case 'permissions-file': {
      // Requests that come while the file loads wait for it (a restarted worker gets the file right
      // after init, and a lookup may follow at once); a refused file leaves the data as it was.
      const previous = catalogue
      const next = loadPermissionFile(request.file)
      catalogue = next.catch(() => previous)
      await next
      const data: DataInfo = { source: 'file', label: request.file.name }
      post({ type: 'data', id: request.id, data })
      return
    }
  }
}

scope.onmessage = (event) => {
  const request = event.data
  handle(request).catch((error: unknown) => post({ type: 'error', id: request.type === 'init' ? 0 : request.id, message: messageOf(error) }))
}

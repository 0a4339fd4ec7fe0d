/**
 * The page's side of the worker: started from a blob URL made of the worker's own source (inlined by
 * the build as gzip + base64, so file:// works and nothing is fetched); cancelling a long read terminates the worker
 * and starts a fresh one.
 */
import { gunzipBase64 } from './gzip.js'
import type { DataInfo, PageRequest, WorkerReply } from './protocol.js'

type RequestBody = PageRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

export class WorkerClient {
  private worker: Worker | undefined
  private nextId = 1
  private readonly url: string
  private readonly snapshot: string
  private readonly label: string
  private readonly onReply: (reply: WorkerReply) => void
  /** The permissions.json in use (the worker accepted it): sent again to a restarted worker. */
  private permissionsFile: File | undefined
  /** A permissions.json sent, until the worker accepts it (a refused one must not replace the one in use). */
  private pendingFile: { readonly id: number; readonly file: File } | undefined

  private constructor(url: string, snapshot: string, label: string, onReply: (reply: WorkerReply) => void) {
    this.url = url
    this.snapshot = snapshot
    this.label = label
    this.onReply = onReply
    this.start()
  }

  /** Start the worker from its embedded source (gzip + base64 text). */
  static async create(workerSource: string, snapshot: string, label: string, onReply: (reply: WorkerReply) => void): Promise<WorkerClient> {
    const source = await gunzipBase64(workerSource)
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
    return new WorkerClient(url, snapshot, label, onReply)
  }

  /** Send a request; returns its id (replies carry it). */
  send(request: RequestBody): number {
    const id = this.nextId++
    if (request.type === 'permissions-file') this.pendingFile = { id, file: request.file }
    this.worker?.postMessage({ ...request, id } as PageRequest)
    return id
  }

  /** Stop whatever the worker is doing: a new worker takes its place (the data is loaded again). */
  restart(): void {
    this.worker?.terminate()
    this.start()
  }

  private start(): void {
    const worker = new Worker(this.url, { name: 'graph-doctor' })
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data
      if (reply.type === 'data' && reply.id === this.pendingFile?.id) this.permissionsFile = this.pendingFile.file
      this.onReply(reply)
    }
    worker.onerror = (event) => {
      event.preventDefault()
      this.onReply({ type: 'error', id: 0, message: `the page's worker failed (${event.message})` })
    }
    worker.postMessage({ type: 'init', snapshot: this.snapshot, label: this.label } satisfies PageRequest)
    if (this.permissionsFile !== undefined) worker.postMessage({ type: 'permissions-file', id: this.nextId++, file: this.permissionsFile } satisfies PageRequest)
    this.worker = worker
  }
}

export type { DataInfo }

/**
 * The graph-doctor web page: the same core and renderers as the CLI, in the browser. Everything runs
 * in this page and its worker; the Content-Security-Policy forbids every connection, and nothing is
 * stored (no cookies, no web storage, no IndexedDB).
 */
import { byId, el } from './dom.js'
import { DiagnosePanel, setState } from './diagnose-panel.js'
import type { DataInfo, WorkerReply } from './protocol.js'
import { permsAnswerElement } from './views/perms-view.js'
import { WorkerClient } from './worker-client.js'

function dataLine(data: DataInfo): string {
  return data.source === 'snapshot' ? `Permission data: the bundled snapshot of Microsoft's permission map (${data.label}).` : `Permission data: ${data.label} (loaded from your file).`
}

function wireInput(panel: DiagnosePanel): void {
  const input = byId<HTMLTextAreaElement>('input')
  const fileInput = byId<HTMLInputElement>('file')
  byId('diagnose').addEventListener('click', () => panel.diagnoseText(input.value))
  byId('cancel').addEventListener('click', () => panel.cancel())
  byId('clear').addEventListener('click', () => {
    input.value = ''
    byId('results').hidden = true
    input.focus()
  })
  input.addEventListener('paste', () => setTimeout(() => panel.diagnoseText(input.value), 0))
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) panel.diagnoseText(input.value)
  })
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0]
    if (file !== undefined) panel.diagnoseFile(file)
    fileInput.value = ''
  })
  const zone = byId('drop-zone')
  zone.addEventListener('dragover', (event) => {
    event.preventDefault()
    zone.classList.add('dragging')
  })
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'))
  zone.addEventListener('drop', (event) => {
    event.preventDefault()
    zone.classList.remove('dragging')
    const file = event.dataTransfer?.files[0]
    const text = event.dataTransfer?.getData('text/plain') ?? ''
    if (file !== undefined) panel.diagnoseFile(file)
    else if (text !== '') {
      input.value = text
      panel.diagnoseText(text)
    }
  })
}

function wirePerms(client: WorkerClient): { handle: (reply: WorkerReply) => boolean } {
  let current = 0
  const out = byId('perms-result')
  byId<HTMLFormElement>('perms-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const method = byId<HTMLSelectElement>('perms-method').value
    current = client.send({ type: 'perms', method, url: byId<HTMLInputElement>('perms-url').value, token: byId<HTMLInputElement>('perms-token').value })
  })
  return {
    handle: (reply) => {
      if (!('id' in reply) || reply.id !== current) return false
      if (reply.type === 'perms') out.replaceChildren(permsAnswerElement(reply.answer))
      else if (reply.type === 'error') out.replaceChildren(el('p', { class: 'error', role: 'alert' }, reply.message))
      return true
    },
  }
}

function wireData(client: WorkerClient): { handle: (reply: WorkerReply) => boolean } {
  let current = 0
  const input = byId<HTMLInputElement>('permissions-file')
  const line = byId('data-info')
  input.addEventListener('change', () => {
    const file = input.files?.[0]
    if (file === undefined) return
    line.textContent = `Loading ${file.name}…`
    current = client.send({ type: 'permissions-file', file })
  })
  // A restarted worker (after Cancel) says `ready` with the snapshot, then loads the chosen file
  // again and says `data`: the line follows the data actually in use.
  let fileInUse = false
  return {
    handle: (reply) => {
      if (reply.type === 'ready') {
        if (!fileInUse) line.textContent = dataLine(reply.data)
      } else if (reply.type === 'data') {
        fileInUse = true
        line.textContent = dataLine(reply.data)
      } else if (reply.type === 'error' && reply.id === current && current !== 0) {
        line.textContent = `That file was not used: ${reply.message}`
      } else return false
      return true
    },
  }
}

async function boot(): Promise<void> {
  const snapshot = byId('permission-snapshot')
  const handlers: Array<{ handle: (reply: WorkerReply) => boolean }> = []
  const client = await WorkerClient.create(byId('worker-source').textContent ?? '', snapshot.textContent ?? '', snapshot.dataset['label'] ?? 'unknown date', (reply) => {
    if (reply.type === 'ready' && document.body.dataset['state'] === 'loading') {
      setState('ready')
      byId('status').textContent = 'Ready: paste or drop something to diagnose.'
    }
    for (const handler of handlers) if (handler.handle(reply)) return
    if (reply.type === 'error' && reply.id === 0) byId('status').textContent = reply.message
  })
  const panel = new DiagnosePanel(client)
  handlers.push(panel, wirePerms(client), wireData(client))
  wireInput(panel)
}

boot().catch((error: unknown) => {
  setState('error')
  byId('status').textContent = `The page could not start: ${error instanceof Error ? error.message : String(error)}`
})

/**
 * The Diagnose panel: paste, drop or open a file; the worker answers with a token view, finding
 * cards, or (for a capture) the entries table; a long read shows its progress and can be cancelled.
 */
import type { DiagnosisResult } from '../core/types.js'
import { countSeverities } from '../render/json.js'
import { summaryLine } from '../render/text-parts.js'
import { byId, el } from './dom.js'
import type { WorkerReply } from './protocol.js'
import { resultCards } from './views/cards.js'
import { harTable } from './views/har-table.js'
import { tokenViewElement } from './views/token-view.js'
import type { WorkerClient } from './worker-client.js'

/** At most this many results are shown as cards directly; more get the entries table. */
const CARDS_AT_MOST = 3

export type PageState = 'loading' | 'ready' | 'busy' | 'done' | 'error'

export function setState(state: PageState): void {
  document.body.dataset['state'] = state
}

export class DiagnosePanel {
  private current = 0
  private results: DiagnosisResult[] = []
  private readonly client: WorkerClient
  private readonly status = byId('status')
  private readonly output = byId('results-body')
  private readonly section = byId('results')
  private readonly progressArea = byId('progress-area')
  private readonly progress = byId<HTMLProgressElement>('progress')
  private readonly progressText = byId('progress-text')

  constructor(client: WorkerClient) {
    this.client = client
  }

  diagnoseText(text: string): void {
    if (text.trim() === '') {
      this.say('Paste a token, an error or a capture first, or open a file.')
      return
    }
    this.begin('pasted text', false)
    this.current = this.client.send({ type: 'text', text, name: 'pasted text' })
  }

  diagnoseFile(file: File): void {
    this.begin(file.name, true)
    this.current = this.client.send({ type: 'file', file })
  }

  cancel(): void {
    if (this.current === 0) return
    this.client.restart()
    this.current = 0
    this.progressArea.hidden = true
    setState('ready')
    this.say('Cancelled.')
  }

  /** Handle a worker reply that belongs to the current diagnosis (stale ones are dropped). */
  handle(reply: WorkerReply): boolean {
    if (!('id' in reply) || reply.id !== this.current || this.current === 0) return false
    if (reply.type === 'progress') this.showProgress(reply.loaded, reply.total, reply.entries)
    else if (reply.type === 'results') for (const result of reply.results) this.results.push(result)
    else if (reply.type === 'token') this.show(el('h3', { class: 'visually-hidden' }, 'Token'), tokenViewElement(reply.view))
    else if (reply.type === 'done') this.finish(reply.format)
    else if (reply.type === 'error') this.fail(reply.message)
    return true
  }

  private begin(name: string, showProgress: boolean): void {
    this.results = []
    this.output.replaceChildren()
    this.section.hidden = true
    byId('progress-name').textContent = name
    this.progress.removeAttribute('value')
    this.progressText.textContent = ''
    this.progressArea.hidden = !showProgress
    setState('busy')
    this.say(`Reading ${name}…`)
  }

  private showProgress(loaded: number, total: number, entries: number): void {
    const fraction = total === 0 ? 1 : loaded / total
    this.progress.value = fraction
    this.progressText.textContent = `${Math.round(fraction * 100)}%, ${entries} ${entries === 1 ? 'entry' : 'entries'}`
  }

  private finish(format: string): void {
    this.current = 0
    this.progressArea.hidden = true
    setState('done')
    if (format === 'token') {
      this.say('Token decoded (not verified).')
      return
    }
    const line = summaryLine(this.results.length, countSeverities({ results: this.results }))
    this.say(line)
    if (this.results.length <= CARDS_AT_MOST) this.show(...this.results.map(resultCards))
    else this.show(el('p', { class: 'summary' }, line), harTable(this.results))
  }

  private fail(message: string): void {
    this.current = 0
    this.progressArea.hidden = true
    setState('error')
    this.say('')
    this.show(el('p', { class: 'error', role: 'alert' }, message))
  }

  private show(...children: HTMLElement[]): void {
    this.output.replaceChildren(...children)
    this.section.hidden = false
  }

  private say(text: string): void {
    this.status.textContent = text
  }
}

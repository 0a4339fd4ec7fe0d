/**
 * The Diagnose panel: paste, drop or open a file; the worker answers with a token view, finding
 * cards, or (for a capture) the entries table; a long read shows its progress and can be cancelled.
 */
import type { DiagnosisResult } from '../core/types.js'
import type { SeverityCounts } from '../render/diagnosis/writer.js'
import { summaryLine } from '../render/diagnosis/text-parts.js'
import { byId, el } from './dom.js'
import type { EntryRow, WorkerReply } from './protocol.js'
import { resultCards } from './views/cards.js'
import { harTable } from './views/har-table.js'
import { logReportElement } from './views/log-report.js'
import { tokenViewElement } from './views/token-view.js'
import type { WorkerClient } from './worker-client.js'

export type PageState = 'loading' | 'ready' | 'busy' | 'done' | 'error'

export function setState(state: PageState): void {
  document.body.dataset['state'] = state
}

export class DiagnosePanel {
  private current = 0
  private rows: EntryRow[] = []
  /** Rows being expanded: the worker's answer resolves them. */
  private readonly waiting = new Map<number, (result: DiagnosisResult) => void>()
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
    if (reply.type === 'result') {
      this.waiting.get(reply.id)?.(reply.result)
      return this.waiting.delete(reply.id)
    }
    if (!('id' in reply) || reply.id !== this.current || this.current === 0) return false
    if (reply.type === 'progress') this.showProgress(reply.loaded, reply.total, reply.entries, reply.unit)
    else if (reply.type === 'rows') for (const row of reply.rows) this.rows.push(row)
    else if (reply.type === 'token') this.show(el('h3', { class: 'visually-hidden' }, 'Token'), tokenViewElement(reply.view))
    else if (reply.type === 'done') this.finish(reply.format, reply.count, reply.counts, reply.results)
    else if (reply.type === 'log-report') this.finishLogs(reply.html)
    else if (reply.type === 'error') this.fail(reply.message)
    return true
  }

  private begin(name: string, showProgress: boolean): void {
    this.rows = []
    this.output.replaceChildren()
    this.section.hidden = true
    byId('progress-name').textContent = name
    this.progress.removeAttribute('value')
    this.progressText.textContent = ''
    this.progressArea.hidden = !showProgress
    setState('busy')
    this.say(`Reading ${name}…`)
  }

  private showProgress(loaded: number, total: number, entries: number, unit: 'records' | undefined): void {
    const fraction = total === 0 ? 1 : loaded / total
    this.progress.value = fraction
    const noun = unit === 'records' ? (entries === 1 ? 'record' : 'records') : entries === 1 ? 'entry' : 'entries'
    this.progressText.textContent = `${Math.round(fraction * 100)}%, ${entries.toLocaleString('en-US')} ${noun}`
  }

  /** A log export's report: the `logs` HTML report's summary and charts. */
  private finishLogs(html: string): void {
    this.current = 0
    this.progressArea.hidden = true
    setState('done')
    const { element, headline } = logReportElement(html)
    this.say(headline)
    this.show(element)
  }

  /** The end of a diagnosis: the summary line from the worker's tally (`TallyCounter`), then cards or the table. */
  private finish(format: string, count: number, counts: SeverityCounts | undefined, results: readonly DiagnosisResult[] | undefined): void {
    this.current = 0
    this.progressArea.hidden = true
    setState('done')
    if (format === 'token') {
      this.say('Token decoded (not verified).')
      return
    }
    const line = summaryLine(count, counts ?? { errors: 0, warnings: 0, info: 0 })
    this.say(line)
    if (results !== undefined) this.show(...results.map(resultCards))
    else this.show(el('p', { class: 'summary' }, line), harTable(this.rows, (index) => this.load(index)))
  }

  /** One full result of the shown capture, from the worker. */
  private load(index: number): Promise<DiagnosisResult> {
    return new Promise((resolve) => this.waiting.set(this.client.send({ type: 'result', index }), resolve))
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

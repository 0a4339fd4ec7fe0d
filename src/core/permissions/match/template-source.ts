import type { LazyTemplateSource, TemplateRecord } from '../model.js'
import { methodBit } from '../model.js'
import { splitPath } from './segments.js'

/** The normalised key of a catalogue template (a query string in a template is dropped, as the DevX API does). */
export function templateKey(template: string): string {
  const query = template.indexOf('?')
  return splitPath(query === -1 ? template : template.slice(0, query), true).join('/')
}

/** Templates held as records (built from permissions.json); keys are normalised on first use. */
export class RecordSource implements LazyTemplateSource {
  readonly count: number
  readonly groups = new Map<string, number[]>()
  private readonly records: readonly TemplateRecord[]
  private readonly keys: (string | undefined)[]

  constructor(records: readonly TemplateRecord[]) {
    this.records = records
    this.count = records.length
    this.keys = new Array<string | undefined>(records.length)
    const firstSegments = new Map<string, string>()
    records.forEach((record, id) => {
      const group = this.firstSegment(record.template, id, firstSegments)
      const list = this.groups.get(group)
      if (list === undefined) this.groups.set(group, [id])
      else list.push(id)
    })
  }

  key(id: number): string {
    let key = this.keys[id]
    if (key === undefined) {
      key = templateKey(this.records[id]?.template ?? '')
      this.keys[id] = key
    }
    return key
  }

  record(id: number): TemplateRecord {
    return this.records[id] ?? { template: '', methods: {} }
  }

  methods(id: number): number {
    let mask = 0
    for (const method in this.records[id]?.methods) mask |= methodBit(method)
    return mask
  }

  /** Normalise only the first raw segment (cached), unless it needs the whole path to be read. */
  private firstSegment(template: string, id: number, cache: Map<string, string>): string {
    const start = template.charCodeAt(0) === 47 ? 1 : 0
    const slash = template.indexOf('/', start)
    const raw = template.slice(start, slash === -1 ? template.length : slash)
    const isSimple = raw.indexOf(':') === -1 && raw.indexOf('?') === -1 && (raw.indexOf('(') === -1 || raw.endsWith(')'))
    if (!isSimple) return firstOf(this.key(id))
    let first = cache.get(raw)
    if (first === undefined) {
      first = splitPath(raw, true)[0] ?? ''
      cache.set(raw, first)
    }
    return first
  }
}

/** The first segment of a normalised key. */
export function firstOf(key: string): string {
  const slash = key.indexOf('/')
  return slash === -1 ? key : key.slice(0, slash)
}

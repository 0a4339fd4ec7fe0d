/**
 * Reading a log record's fields whatever the export spelled them: Log Analytics columns
 * (`RequestUri`), diagnostic-settings and Graph API properties (`requestUri`), CSV cells (strings).
 */

export type RawRecord = Readonly<Record<string, unknown>>

/** The camelCase spelling of each PascalCase name asked for (the names are a handful of literals). */
const camelCase = new Map<string, string>()

/** A field by its Log Analytics (PascalCase) name, or the same name in camelCase. */
export function field(record: RawRecord, pascal: string): unknown {
  const value = record[pascal]
  if (value !== undefined) return value
  let camel = camelCase.get(pascal)
  if (camel === undefined) camelCase.set(pascal, (camel = pascal.charAt(0).toLowerCase() + pascal.slice(1)))
  return record[camel]
}

/** A non-empty string field (numbers are turned into their text). */
export function textField(record: RawRecord, pascal: string): string | undefined {
  const value = field(record, pascal)
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** An integer field, from a number or its text; undefined when absent or not a number. */
export function numberField(record: RawRecord, pascal: string): number | undefined {
  const value = field(record, pascal)
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || value === '') return undefined
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : undefined
}

const EMPTY: readonly string[] = []

/**
 * A list field: an array, or text separated by spaces or commas (Log Analytics writes `Roles` and
 * `Scopes` space-separated, `Wids` comma-separated), or a JSON array in text (a KQL `make_set`).
 */
export function listField(record: RawRecord, pascal: string): readonly string[] {
  const value = field(record, pascal)
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '')
  if (typeof value !== 'string' || value === '') return EMPTY
  if (value.charCodeAt(0) === 0x5b) return listOfJsonText(value)
  return splitList(value)
}

function listOfJsonText(value: string): readonly string[] {
  try {
    const parsed = JSON.parse(value) as unknown
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string' && item !== '') : EMPTY
  } catch {
    return splitList(value)
  }
}

function splitList(value: string): readonly string[] {
  const items: string[] = []
  let start = 0
  for (let i = 0; i <= value.length; i++) {
    const code = i === value.length ? 0x20 : value.charCodeAt(i)
    if (code !== 0x20 && code !== 0x2c && code !== 0x09) continue
    if (i > start) items.push(value.slice(start, i))
    start = i + 1
  }
  return items
}

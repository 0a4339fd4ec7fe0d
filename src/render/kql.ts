/** Output of `graph-doctor kql`: the query alone (text) or with what its result holds (json). */
import type { KqlQuery } from '../core/kql/index.js'

/** The version of the `kql --format json` output. */
export const KQL_JSON_VERSION = 1

/** The query text, ready to paste into Log Analytics. */
export function renderKqlText(query: KqlQuery): string {
  return query.text
}

/** `{ version, table, kind, since, columns, query }` as pretty JSON. */
export function renderKqlJson(query: KqlQuery): string {
  const { table, kind, since, columns, text } = query
  return `${JSON.stringify({ version: KQL_JSON_VERSION, table, kind, since, columns, query: text }, null, 2)}\n`
}

/** JSON output of `graph-doctor perms`. Pure. */
import type { PermissionScheme } from '../../core/types.js'
import { stringifyRedacted, type JsonOptions } from '../diagnosis/json.js'
import { rowsOf, SCHEMES, type PermsReport } from './report.js'
import { schemeCells } from './text.js'

/** The JSON of `graph-doctor perms` (claims only, never the token), ending with a newline. */
export function renderPermsJson(report: PermsReport, options: JsonOptions = {}): string {
  const schemes = Object.fromEntries(SCHEMES.map((scheme) => [scheme, { supported: rowsOf(report, scheme).length > 0, ...schemeCellsJson(report, scheme) }]))
  return stringifyRedacted({
    version: 1,
    request: { method: report.method, url: report.url, apiVersion: report.apiVersion.version ?? null },
    apiVersionNote: report.apiVersion.note,
    template: report.endpoint.template,
    fallback: report.endpoint.fallback,
    notes: report.endpoint.notes,
    schemes,
    permissions: report.rows,
    ...(report.token === undefined ? {} : { token: report.token }),
    ...(options.permissionData === undefined ? {} : { permissionData: options.permissionData }),
  })
}

function schemeCellsJson(report: PermsReport, scheme: PermissionScheme): { leastPrivileged: string[]; higherPrivileged: string[] } {
  const rows = rowsOf(report, scheme)
  const cells = schemeCells(report, scheme)
  const least = rows.length === 0 ? [] : cells.least.split(', ')
  return { leastPrivileged: least, higherPrivileged: rows.map((row) => row.name).filter((name) => !least.includes(name)) }
}

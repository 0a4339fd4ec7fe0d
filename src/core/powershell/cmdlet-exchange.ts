/**
 * An exchange that names a Graph PowerShell cmdlet but shows no request (a cmdlet's error record) is
 * given the request the cmdlet makes, so that every rule can judge the call (the least-privileged
 * permission of its endpoint first). The request is marked as inferred (`inferredFrom`).
 */
import type { Exchange } from '../exchange.js'
import type { PermissionCatalogue } from '../permissions/types.js'
import { cmdletLabel } from './cmdlet.js'
import { callOfCmdlet, type TemplatePaths } from './cmdlet-request.js'

const pathsOf = new WeakMap<PermissionCatalogue, TemplatePaths>()

/** `exchange` with the request of the cmdlet it names, when the catalogue knows its call; else as it is. */
export function withCmdletRequest(exchange: Exchange, catalogue: PermissionCatalogue | undefined): Exchange {
  const { cmdlet } = exchange
  if (cmdlet === undefined || exchange.request !== undefined || catalogue?.templatePaths === undefined) return exchange
  let paths = pathsOf.get(catalogue)
  if (paths === undefined) pathsOf.set(catalogue, (paths = catalogue.templatePaths()))
  const call = callOfCmdlet(cmdlet, paths, catalogue)
  if (call === undefined) return exchange
  return { ...exchange, request: { method: call.method, url: call.url, headers: [], headersOmitted: true, inferredFrom: cmdletLabel(cmdlet) } }
}

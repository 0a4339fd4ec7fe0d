/**
 * Endpoints the official permission map lacks, added from the docs' permission tables. They are
 * added to the Kibali document before it is parsed, so that matching, least privilege, GUIDs and
 * the derived index treat them like the data's own; a row is inert once the data lists its path
 * and method.
 */
import type { PermissionScheme } from '../types.js'
import type { Json } from './json.js'
import { isObject } from './json.js'

/** One endpoint added from a docs page. Permissions are listed least privileged first. */
export interface AddedEndpoint {
  readonly method: string
  /** The template as the data would write it. */
  readonly template: string
  readonly schemes: readonly PermissionScheme[]
  readonly leastPrivileged: string
  readonly higherPrivileged: readonly string[]
  readonly source: string
}

export const ADDED_ENDPOINTS: readonly AddedEndpoint[] = [
  {
    method: 'POST',
    template: '/groups/{id}/members/$ref',
    schemes: ['DelegatedWork', 'Application'],
    leastPrivileged: 'GroupMember.ReadWrite.All',
    higherPrivileged: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
    source: 'https://learn.microsoft.com/graph/api/group-post-members',
  },
]

/** The note telling that an endpoint comes from our corrections, or undefined for the data's own. */
export function addedEndpointNote(method: string, template: string): string | undefined {
  const upper = method.toUpperCase()
  const row = ADDED_ENDPOINTS.find((added) => added.method === upper && added.template.toLowerCase() === template.toLowerCase())
  if (row === undefined) return undefined
  return `${row.method} ${row.template} is missing from the official permission map: its permissions come from the docs (source: ${row.source}).`
}

/**
 * A Kibali `permissions.json` with the {@link ADDED_ENDPOINTS} the document does not list yet, as
 * extra pathSets of the permissions it names. The input is never changed; it is returned as is when
 * nothing is added or when it is not a Kibali document (the parser then says why).
 */
export function withAddedEndpoints(document: unknown): unknown {
  if (!isObject(document) || !isObject(document['permissions'])) return document
  const permissions = document['permissions']
  const missing = ADDED_ENDPOINTS.filter((row) => !listsEndpoint(permissions, row))
  if (missing.length === 0) return document
  // A keyed copy: object spread of this ~900-key JSON object costs about 10 ms at start-up, a loop 1 ms.
  const corrected: Json = {}
  for (const name of Object.keys(permissions)) corrected[name] = permissions[name]
  for (const row of missing) {
    const names = [row.leastPrivileged, ...row.higherPrivileged]
    for (const name of names) {
      const entry = corrected[name]
      if (!isObject(entry)) continue
      const pathSets = Array.isArray(entry['pathSets']) ? (entry['pathSets'] as unknown[]) : []
      corrected[name] = { ...entry, pathSets: [...pathSets, pathSetOf(row, name === row.leastPrivileged)] }
    }
  }
  return { ...document, permissions: corrected }
}

function pathSetOf(row: AddedEndpoint, isLeast: boolean): Json {
  return {
    schemeKeys: [...row.schemes],
    methods: [row.method],
    paths: { [row.template]: isLeast ? `least=${row.schemes.join(',')}` : '' },
  }
}

/**
 * Does a pathSet of one of the row's permissions list its template (as written, or lower-cased) for
 * its method? Only those permissions are read: the whole document would cost start-up time.
 */
function listsEndpoint(permissions: Json, row: AddedEndpoint): boolean {
  const lower = row.template.toLowerCase()
  for (const name of [row.leastPrivileged, ...row.higherPrivileged]) {
    const entry = permissions[name]
    const list = isObject(entry) ? entry['pathSets'] : undefined
    if (!Array.isArray(list)) continue
    for (const pathSet of list) {
      if (!isObject(pathSet) || !isObject(pathSet['paths']) || !Array.isArray(pathSet['methods'])) continue
      const paths = pathSet['paths']
      if (!(row.template in paths) && !(lower in paths)) continue
      if (pathSet['methods'].some((method) => typeof method === 'string' && method.toUpperCase() === row.method)) return true
    }
  }
  return false
}

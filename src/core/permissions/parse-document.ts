import { GraphDoctorError } from '../errors.js'
import type { PermissionScheme } from '../types.js'
import type { PermissionInfo, SchemeInfo } from './model.js'
import { SCHEMES, schemeMask } from './model.js'
import { RecordSource } from './match/template-source.js'
import type { Json } from './json.js'
import { isObject } from './json.js'

function invalid(reason: string): never {
  throw new GraphDoctorError('ERR_DATA_INVALID', `permissions.json is not in the Kibali format: ${reason}`)
}

export interface ParsedDocument {
  readonly permissions: PermissionInfo[]
  readonly templates: RecordSource
  readonly alsoRequires: string[][]
}

/** Parse an already-parsed Kibali `permissions.json` into permissions and templates. Throws ERR_DATA_INVALID. */
export function parsePermissionsDocument(json: unknown): ParsedDocument {
  if (!isObject(json)) invalid('the document is not a JSON object')
  const entries = json['permissions']
  if (!isObject(entries)) invalid('it has no "permissions" object')
  const names = Object.keys(entries)
  if (names.length === 0) invalid('"permissions" is empty')
  const permissions: PermissionInfo[] = []
  const templates = new TemplateCollector()
  for (const name of names) {
    const entry = entries[name]
    if (!isObject(entry) || !isObject(entry['schemes'])) invalid(`permission ${name} has no "schemes" object`)
    const pathSets = entry['pathSets'] ?? []
    if (!Array.isArray(pathSets)) invalid(`permission ${name} has a "pathSets" that is not a list`)
    const index = permissions.length
    permissions.push({ name, rsc: entry['authorizationType'] === 'RSC', schemes: readSchemes(entry['schemes']) })
    for (const pathSet of pathSets) templates.addPathSet(index, name, pathSet)
  }
  return { permissions, templates: new RecordSource(templates.records), alsoRequires: templates.alsoRequires }
}

function readSchemes(schemes: Json): Partial<Record<PermissionScheme, SchemeInfo>> {
  const result: Partial<Record<PermissionScheme, SchemeInfo>> = {}
  for (const scheme of SCHEMES) {
    const value = schemes[scheme]
    if (!isObject(value)) continue
    const level = value['privilegeLevel']
    const admin = value['requiresAdminConsent']
    result[scheme] = {
      ...(typeof level === 'number' ? { privilegeLevel: level } : {}),
      ...(typeof admin === 'boolean' ? { requiresAdminConsent: admin } : {}),
    }
  }
  return result
}

interface MutableRecord {
  readonly template: string
  readonly methods: Record<string, number[]>
}

class TemplateCollector {
  readonly records: MutableRecord[] = []
  readonly alsoRequires: string[][] = []
  private readonly byPath = new Map<string, MutableRecord>()
  private readonly values = new Map<string, { least: number; also: number }>()

  addPathSet(permission: number, name: string, pathSet: unknown): void {
    if (!isObject(pathSet) || !Array.isArray(pathSet['methods']) || !isObject(pathSet['paths'])) {
      invalid(`permission ${name} has a pathSet without "methods" and "paths"`)
    }
    const schemes = schemeMask(Array.isArray(pathSet['schemeKeys']) ? pathSet['schemeKeys'] : [])
    const methods = pathSet['methods'].filter((m): m is string => typeof m === 'string').map((m) => m.toUpperCase())
    const isSingleMethod = methods.length === 1 ? 1 : 0
    const paths = pathSet['paths']
    for (const path in paths) {
      const value = paths[path]
      const { least, also } = this.pathValue(typeof value === 'string' ? value : '')
      const record = this.record(path)
      for (const method of methods) {
        const list = record.methods[method]
        if (list === undefined) record.methods[method] = [permission, schemes, least & schemes, isSingleMethod, also]
        else list.push(permission, schemes, least & schemes, isSingleMethod, also)
      }
    }
  }

  /** Few distinct path values exist: parse each once. */
  private pathValue(value: string): { least: number; also: number } {
    let parsed = this.values.get(value)
    if (parsed === undefined) {
      const { least, alsoRequires } = parsePathValue(value)
      const also = alsoRequires.length === 0 ? -1 : this.alsoRequires.push(alsoRequires) - 1
      parsed = { least, also }
      this.values.set(value, parsed)
    }
    return parsed
  }

  /** One record per template as written; spellings that normalise alike are merged in the trie. */
  private record(path: string): MutableRecord {
    let record = this.byPath.get(path)
    if (record === undefined) {
      record = { template: path, methods: {} }
      this.byPath.set(path, record)
      this.records.push(record)
    }
    return record
  }
}

/** `least=DelegatedWork,Application;AlsoRequires=A,B` → scheme mask and the AlsoRequires alternatives. */
export function parsePathValue(value: string): { least: number; alsoRequires: string[] } {
  let least = 0
  let alsoRequires: string[] = []
  for (const part of value.split(';')) {
    const equals = part.indexOf('=')
    if (equals === -1) continue
    const key = part.slice(0, equals).trim().toLowerCase()
    const list = part.slice(equals + 1).split(',').map((item) => item.trim()).filter((item) => item.length > 0)
    if (key === 'least') least = schemeMask(list)
    else if (key === 'alsorequires') alsoRequires = list
  }
  return { least, alsoRequires }
}

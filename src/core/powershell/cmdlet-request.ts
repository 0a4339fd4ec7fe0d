/**
 * The call a Graph PowerShell cmdlet makes, found in the permission catalogue: the cmdlets are
 * generated from the API's paths, their noun the path's segments singular and joined
 * (`/users/{id}/messages` → `UserMessage`, `/identity/conditionalAccess/policies` →
 * `IdentityConditionalAccessPolicy`, `$ref` → `ByRef`; `…Content` reads `$value`, `…Count` `$count`).
 */
import type { PermissionCatalogue } from '../permissions/types.js'
import { cmdletTarget, type GraphCmdlet } from './cmdlet.js'

/** The call a cmdlet made, as graph-doctor takes it. */
export interface CmdletCall {
  readonly method: string
  /** With `{id}` where the call had an id, segments cased as the cmdlet's noun. */
  readonly url: string
  /** The catalogue's template. */
  readonly template: string
}

/** The paths of a catalogue's templates: normalised (lower-case) segments, `PARAM_SEGMENT` for an id. */
export type TemplatePaths = readonly (readonly string[])[]

/** How a template path marks an id segment. */
export const PARAM_SEGMENT = '\u0000'

const IRREGULAR: Readonly<Record<string, string>> = { children: 'child', people: 'person', $ref: 'byref' }
/** Nouns that end in a word for an OData segment the catalogue leaves out of its templates. */
const ODATA_SUFFIXES = [['content', '/$value'], ['count', '/$count']] as const

/**
 * The call `cmdlet` makes, or undefined when no template of the catalogue has its noun and method.
 * Among a noun's templates (`/users` and `/users/{id}` are both `User`), the parameter set decides:
 * `List` and `Create…` a collection, any other one item.
 */
export function callOfCmdlet(cmdlet: GraphCmdlet, paths: TemplatePaths, catalogue: Pick<PermissionCatalogue, 'lookup'>): CmdletCall | undefined {
  const { method } = cmdlet
  if (method === undefined) return undefined
  const nouns: Array<readonly [noun: string, suffix: string]> = [[cmdlet.noun, '']]
  for (const [word, suffix] of ODATA_SUFFIXES) {
    if (cmdlet.noun.toLowerCase().endsWith(word) && cmdlet.noun.length > word.length) nouns.push([cmdlet.noun.slice(0, -word.length), suffix])
  }
  for (const [noun, suffix] of nouns) {
    const found: CmdletCall[] = []
    const beginsNoun = firstSegmentTest(noun)
    for (const segments of paths) {
      if (!beginsNoun(segments[0])) continue
      const cased = casedSegments(segments, noun)
      if (cased === undefined) continue
      const url = `https://graph.microsoft.com/${cmdlet.apiVersion}/${cased.join('/')}${suffix}`
      const endpoint = catalogue.lookup(method, url)
      if (endpoint !== undefined && endpoint.fallback === (suffix === '' ? 'none' : 'odata-segment-stripped') && sameShape(endpoint.template, segments)) {
        found.push({ method, url, template: endpoint.template })
      }
    }
    // `$value` reads one entity (a single-valued one like `photo` first), `$count` a collection.
    const chosen = pick(found, suffix === '' ? cmdletTarget(cmdlet) : suffix === '/$value' ? 'entity' : 'collection')
    if (chosen !== undefined) return chosen
  }
  return undefined
}

/**
 * Whether a path's first segment can begin `noun`, decided once per distinct first segment: most of the
 * catalogue's 8,000 paths fail here, before the full spelling walk and the lookup.
 */
function firstSegmentTest(noun: string): (first: string | undefined) => boolean {
  const lower = noun.toLowerCase()
  const known = new Map<string, boolean>()
  return (first) => {
    if (first === undefined) return false
    let begins = known.get(first)
    if (begins === undefined) {
      begins = first === PARAM_SEGMENT || singularForms(first).some((form) => lower.startsWith(form))
      known.set(first, begins)
    }
    return begins
  }
}

/**
 * A path's segments cased as `noun` spells them (`{id}` for an id), when its names, each singular,
 * spell the noun; undefined otherwise, and for a path with a function, action or cast.
 */
export function casedSegments(segments: readonly string[], noun: string): string[] | undefined {
  if (segments.length === 0) return undefined
  const lower = noun.toLowerCase()
  const out: string[] = []
  const walk = (index: number, at: number): boolean => {
    if (index === segments.length) return at === lower.length
    const segment = segments[index] ?? ''
    if (segment === PARAM_SEGMENT) {
      out.push('{id}')
      if (walk(index + 1, at)) return true
      out.pop()
      return false
    }
    if (segment.includes('(') || segment.includes('.')) return false
    for (const form of singularForms(segment)) {
      if (!lower.startsWith(form, at)) continue
      out.push(segment.startsWith('$') ? segment : casedLike(segment, noun.slice(at, at + form.length)))
      if (walk(index + 1, at + form.length)) return true
      out.pop()
    }
    return false
  }
  return walk(0, 0) ? out : undefined
}

/** The ways a (plural) segment reads in a noun: as it is, without `s` or `es`, `ies` as `y`, irregular ones. */
function singularForms(segment: string): string[] {
  const forms = [segment]
  const irregular = IRREGULAR[segment]
  if (irregular !== undefined) forms.unshift(irregular)
  if (segment.endsWith('ies')) forms.unshift(`${segment.slice(0, -3)}y`)
  if (segment.endsWith('es')) forms.unshift(segment.slice(0, -2))
  if (segment.endsWith('s')) forms.unshift(segment.slice(0, -1))
  return forms
}

/** `segment` (lower case) with the case of the noun's words it shares, the first letter lower: `conditionalAccess`. */
function casedLike(segment: string, words: string): string {
  let cased = ''
  for (let i = 0; i < segment.length; i++) {
    const fromNoun = words[i]
    cased += i === 0 || fromNoun === undefined || fromNoun.toLowerCase() !== segment[i] ? (segment[i] ?? '') : fromNoun
  }
  return cased
}

function sameShape(template: string, segments: readonly string[]): boolean {
  const parts = template.split('/').filter((part) => part !== '')
  return parts.length === segments.length && parts.every((part, index) => part.startsWith('{') === (segments[index] === PARAM_SEGMENT))
}

/**
 * A collection's call ends in a name, an item's in an id (or else a single-valued name like
 * `manager`), an entity's `$value` in a single-valued name (or else an id); the shortest first.
 */
function pick(found: readonly CmdletCall[], target: 'collection' | 'item' | 'unknown' | 'entity'): CmdletCall | undefined {
  const endsInId = (call: CmdletCall): boolean => call.template.endsWith('}')
  const singleValued = (call: CmdletCall): boolean => !endsInId(call) && !call.template.endsWith('s')
  const byLength = [...found].sort((a, b) => a.template.length - b.template.length)
  if (target === 'item') return byLength.find(endsInId) ?? byLength[0]
  if (target === 'entity') return byLength.find(singleValued) ?? byLength.find(endsInId)
  return byLength.find((call) => !endsInId(call)) ?? byLength[0]
}

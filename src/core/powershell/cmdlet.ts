/**
 * A Microsoft Graph PowerShell cmdlet named in a pasted error (`Get-MgUser_List: …`, PowerShell 5.1's
 * `Get-MgUser : …` with `FullyQualifiedErrorId : …,Microsoft.Graph.PowerShell.Cmdlets.GetMgUser_List`):
 * its verb, noun and parameter set. The cmdlets are generated from the Graph API's paths, so the noun
 * and parameter set say which call it made (see `cmdlet-request.ts`).
 */

/** The verbs of the generated entity cmdlets, and the HTTP method each sends. */
const VERB_METHODS = { Get: 'GET', New: 'POST', Update: 'PATCH', Remove: 'DELETE', Set: 'PUT' } as const

export type CmdletVerb = keyof typeof VERB_METHODS

/** What a parameter set says of the call: a collection (`List`, `Create`) or one item. */
export type CmdletTarget = 'collection' | 'item' | 'unknown'

/** A Graph PowerShell cmdlet as an error names it. */
export interface GraphCmdlet {
  /** As PowerShell spells it, e.g. `Get-MgBetaUserMessage`. */
  readonly name: string
  readonly verb: CmdletVerb
  /** The entity path's words, e.g. `UserMessage`. */
  readonly noun: string
  readonly apiVersion: 'v1.0' | 'beta'
  /** The parameter set, e.g. `List`, `Get1`, `CreateExpanded`; absent when the error does not say. */
  readonly parameterSet?: string
  readonly method: string
}

const VERBS = 'Get|New|Update|Remove|Set'
/** `Get-MgUser_List` (PowerShell 7's error view, CategoryInfo's `[Get-MgUser_List]`). */
const DASHED_WITH_SET = new RegExp(`(?<![A-Za-z-])(${VERBS})-Mg(Beta)?([A-Z][A-Za-z0-9]{0,150})_([A-Za-z0-9]{1,60})(?![A-Za-z0-9])`)
/** `Microsoft.Graph[.Beta].PowerShell.Cmdlets.GetMgUser_List` (FullyQualifiedErrorId). */
const QUALIFIED = new RegExp(`PowerShell\\.Cmdlets\\.(${VERBS})Mg(Beta)?([A-Z][A-Za-z0-9]{0,150})_([A-Za-z0-9]{1,60})(?![A-Za-z0-9])`)
/** `Get-MgUser : Insufficient privileges…` (PowerShell 5.1) or a command line `Get-MgUser -UserId …`. */
const DASHED = new RegExp(`(?<![A-Za-z-])(${VERBS})-Mg(Beta)?([A-Z][A-Za-z0-9]{0,150})(?=\\s*:|\\s+-[A-Za-z]|\\s*$)`, 'm')

/** The Graph PowerShell cmdlet a text names, with its parameter set when given. */
export function findGraphCmdlet(text: string): GraphCmdlet | undefined {
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text
  const match = DASHED_WITH_SET.exec(head) ?? QUALIFIED.exec(head) ?? DASHED.exec(head)
  if (match === null) return undefined
  const verb = match[1] as CmdletVerb
  const beta = match[2] !== undefined
  const noun = match[3] ?? ''
  const parameterSet = match[4]
  return {
    name: `${verb}-Mg${beta ? 'Beta' : ''}${noun}`,
    verb,
    noun,
    apiVersion: beta ? 'beta' : 'v1.0',
    method: VERB_METHODS[verb],
    ...(parameterSet === undefined ? {} : { parameterSet }),
  }
}

/** Whether a parameter set acts on a collection (`List`, `Create…`) or one item (`Get1`, `Update…`, `Delete…`). */
export function cmdletTarget(cmdlet: GraphCmdlet): CmdletTarget {
  const set = cmdlet.parameterSet
  if (set === undefined) return cmdlet.verb === 'New' ? 'collection' : cmdlet.verb === 'Get' ? 'unknown' : 'item'
  if (/^List\d*$/.test(set) || /^Create/.test(set)) return 'collection'
  return 'item'
}

/**
 * A Microsoft Graph PowerShell cmdlet named in a pasted error (`Get-MgUser_List: …`, PowerShell 5.1's
 * `Get-MgUser : …` with `FullyQualifiedErrorId : …,Microsoft.Graph.PowerShell.Cmdlets.GetMgUser_List`):
 * its verb, noun and parameter set. The cmdlets are generated from the Graph API's paths, so the noun
 * and parameter set say which call it made (see `cmdlet-request.ts`).
 */
import { cmdletActions } from './cmdlet-actions.js'

/** The verbs of the generated entity cmdlets, and the HTTP method each sends. */
const VERB_METHODS: Readonly<Record<string, string>> = { Get: 'GET', New: 'POST', Update: 'PATCH', Remove: 'DELETE', Set: 'PUT' }

/** What a parameter set says of the call: a collection (`List`, `Create`) or one item. */
export type CmdletTarget = 'collection' | 'item' | 'unknown'

/** A Graph PowerShell cmdlet as an error names it. */
export interface GraphCmdlet {
  /** As PowerShell spells it, e.g. `Get-MgBetaUserMessage`. */
  readonly name: string
  readonly verb: string
  /** The entity path's words, e.g. `UserMessage`. */
  readonly noun: string
  readonly apiVersion: 'v1.0' | 'beta'
  /** The parameter set, e.g. `List`, `Get1`, `CreateExpanded`; absent when the error does not say. */
  readonly parameterSet?: string
  /** The HTTP method of a get, create, update, remove or set cmdlet; absent for an action verb. */
  readonly method?: string
  /** What to call it when it is not a cmdlet but read the same way (a Go SDK request builder). */
  readonly label?: string
}

/**
 * The one spelling of a Graph PowerShell cmdlet: verb, `-Mg`, `Beta` for the beta module, noun, and
 * `_` with the parameter set (`Get-MgBetaUserMessage_List`). The scans below only find candidates.
 */
const CMDLET_NAME = /^([A-Z][a-z]{1,15})-Mg(Beta)?([A-Z][A-Za-z0-9]{0,150})(?:_([A-Za-z0-9]{1,60}))?$/
/** `Get-MgUser_List` (PowerShell 7's error view, CategoryInfo's `[Get-MgUser_List]`), `Get-MgUser : …` (PowerShell 5.1), `Get-MgUser -UserId …`. */
const DASHED = /(?<![A-Za-z-])[A-Z][a-z]{1,15}-Mg[A-Za-z0-9_]{1,220}(?![A-Za-z0-9_])/g
/** `Microsoft.Graph[.Beta].PowerShell.Cmdlets.GetMgUser_List` (FullyQualifiedErrorId). */
const QUALIFIED = /PowerShell\.Cmdlets\.([A-Z][a-z]{1,15})(Mg[A-Za-z0-9_]{1,220})(?![A-Za-z0-9_])/g
/** What follows a cmdlet named without its parameter set: a colon, a parameter, or the line's end. */
const AFTER_BARE_NAME = /^(?:[ \t]*:|[ \t]+-[A-Za-z]|[ \t]*(?:\r?\n|$))/

/**
 * True when `name` is spelled as a Graph PowerShell cmdlet, any verb (`Get-MgUser_List`,
 * `Connect-MgGraph`, `Invoke-MgGraphRequest`): an error line that starts with one is PowerShell's.
 */
export function isCmdletName(name: string | undefined): boolean {
  return name !== undefined && CMDLET_NAME.test(name)
}

/**
 * The Graph PowerShell cmdlet a text names, with its parameter set when given: the first that makes
 * a call (a get, create, update, remove or set cmdlet, or a known action), never `Connect-MgGraph` or
 * `Invoke-MgGraphRequest`. A name with its parameter set wins over one without.
 */
export function findGraphCmdlet(text: string): GraphCmdlet | undefined {
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text
  const dashed = [...head.matchAll(DASHED)]
  const qualified = [...head.matchAll(QUALIFIED)].map((match) => `${match[1] ?? ''}-${match[2] ?? ''}`)
  const withSet = dashed.map((match) => match[0]).filter((name) => name.includes('_'))
  const bare = dashed.filter((match) => !match[0].includes('_') && AFTER_BARE_NAME.test(head.slice(match.index + match[0].length, match.index + match[0].length + 80))).map((match) => match[0])
  for (const name of [...withSet, ...qualified, ...bare]) {
    const parts = CMDLET_NAME.exec(name)
    const cmdlet = parts === null ? undefined : cmdletOf(parts[1] ?? '', parts[2] !== undefined, parts[3] ?? '', parts[4])
    if (cmdlet !== undefined) return cmdlet
  }
  return undefined
}

function cmdletOf(verb: string, beta: boolean, noun: string, parameterSet: string | undefined): GraphCmdlet | undefined {
  const method = VERB_METHODS[verb]
  if (method === undefined && cmdletActions[`${verb}-Mg${noun}`] === undefined) return undefined
  return {
    name: `${verb}-Mg${beta ? 'Beta' : ''}${noun}`,
    verb,
    noun,
    apiVersion: beta ? 'beta' : 'v1.0',
    ...(method === undefined ? {} : { method }),
    ...(parameterSet === undefined ? {} : { parameterSet }),
  }
}

/** The cmdlet as the error named it, with its parameter set: `Get-MgUser_List`. */
export function cmdletLabel(cmdlet: GraphCmdlet): string {
  if (cmdlet.label !== undefined) return cmdlet.label
  return cmdlet.parameterSet === undefined ? cmdlet.name : `${cmdlet.name}_${cmdlet.parameterSet}`
}

/** The call of an action cmdlet (`Send-MgUserMail`), which its noun does not spell. */
export function actionCall(cmdlet: GraphCmdlet): { readonly method: string; readonly url: string } | undefined {
  const action = cmdletActions[`${cmdlet.verb}-Mg${cmdlet.noun}`]
  return action === undefined ? undefined : { method: action.method, url: `https://graph.microsoft.com/${cmdlet.apiVersion}${action.path}` }
}

/** Whether a parameter set acts on a collection (`List`, `Create…`) or one item (`Get1`, `Update…`, `Delete…`). */
export function cmdletTarget(cmdlet: GraphCmdlet): CmdletTarget {
  const set = cmdlet.parameterSet
  if (set === undefined) return cmdlet.verb === 'New' ? 'collection' : cmdlet.verb === 'Get' ? 'unknown' : 'item'
  if (/^List\d*$/.test(set) || /^Create/.test(set)) return 'collection'
  return 'item'
}

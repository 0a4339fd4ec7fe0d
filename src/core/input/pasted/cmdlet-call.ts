/**
 * The Graph call behind a Microsoft Graph PowerShell cmdlet name, as its error record names it
 * (`Get-MgUser_List`, `[New-MgGroup_CreateExpanded]`, `Cmdlets.GetMgUser_List`): the method from the
 * verb and the variant, the path from graph-doctor's table of common nouns. Undefined for a cmdlet
 * that is not in the table or whose variant leaves the call open.
 */
import { cmdletActions, cmdletNouns, type CmdletNoun } from '../../data/graph-cmdlets.js'
import { ownEntry } from '../../token/lookup.js'

const CMDLET_PARTS = /^([A-Z][a-z]{1,15})-Mg(Beta)?([A-Za-z0-9]{1,80}?)(?:_([A-Za-z0-9]{1,40}))?$/
/** A cmdlet name anywhere in the text: the record's first line, `[Get-MgUser_List]`, `MyCommand : …`. */
const CMDLET_ANYWHERE = /\b([A-Z][a-z]{1,15}-Mg[A-Za-z0-9]{1,80}(?:_[A-Za-z0-9]{1,40})?)\b/

/** A call inferred from a cmdlet name. */
export interface CmdletCall {
  readonly cmdlet: string
  readonly method: string
  readonly url: string
}

/** The first Graph PowerShell cmdlet name in a text, or undefined. */
export function findCmdletName(text: string): string | undefined {
  return CMDLET_ANYWHERE.exec(text.slice(0, 64_000))?.[1]
}

/**
 * @example
 * cmdletCall('Get-MgUser_List') // { cmdlet: 'Get-MgUser_List', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' }
 */
export function cmdletCall(cmdlet: string): CmdletCall | undefined {
  const parts = CMDLET_PARTS.exec(cmdlet)
  if (parts === null) return undefined
  const [, verb = '', beta, noun = '', variant = ''] = parts
  const root = `https://graph.microsoft.com/${beta === undefined ? 'v1.0' : 'beta'}`
  const action = ownEntry(cmdletActions, `${verb}-Mg${noun}`)
  if (action !== undefined) return { cmdlet, method: action.method, url: `${root}${action.path}` }
  const entry = ownEntry(cmdletNouns, noun.replace(/ByRef$/, ''))
  const call = entry === undefined ? undefined : callOf(verb, variant, entry, noun.endsWith('ByRef'))
  return call === undefined ? undefined : { cmdlet, method: call.method, url: `${root}${call.path}` }
}

function callOf(verb: string, variant: string, noun: CmdletNoun, byRef: boolean): { method: string; path: string } | undefined {
  const item = noun.single === true ? noun.path : `${noun.path}/{id}`
  const ref = noun.ref === true || byRef
  switch (verb) {
    case 'Get':
      if (variant === 'List' || noun.single === true) return { method: 'GET', path: noun.path }
      return /^Get\d*$/.test(variant) ? { method: 'GET', path: item } : undefined
    case 'New':
      return { method: 'POST', path: ref ? `${noun.path}/$ref` : noun.path }
    case 'Update':
      return { method: 'PATCH', path: item }
    case 'Remove':
      return { method: 'DELETE', path: ref ? `${item}/$ref` : item }
    default:
      return undefined
  }
}

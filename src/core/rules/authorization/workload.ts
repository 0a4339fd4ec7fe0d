import type { AnalysisContext } from '../../context.js'
import { graphPath } from '../facts.js'

/** Whose data a call touches, as far as the rules care. */
export type DataKind = 'mailbox' | 'files' | 'directory' | 'teams' | 'group' | 'sites' | 'other'

const OWNER = /^\/(?:me|users\/[^/]+)(?=\/|$)/
const USER_PREFIX = /^\/(?:me|users\/[^/]+)(?:\/|$)/
const MAILBOX = /^(?:messages|mailfolders|sendmail|events|calendars?|calendarview|calendargroups|contacts|contactfolders|mailboxsettings|inferenceclassification|outlook|findmeetingtimes|getmailtips|reminderview|photos?)$/
const USER_FILES = /^(?:drives?|followedsites)$/
const USER_TEAMS = /^(?:chats|joinedteams|teamwork|presence|onlinemeetings)$/
/** A user's own directory data: the object itself, its memberships, roles, licences, authentication methods. */
const USER_DIRECTORY = /^(?:$|memberof|transitivememberof|manager|directreports|ownedobjects|createdobjects|registereddevices|owneddevices|approleassignments|oauth2permissiongrants|authentication|licensedetails|assignlicense|revokesigninsessions|changepassword|extensions|sponsors|employeeexperience)$/
const GROUP_CONTENT = /^\/groups\/[^/]+\/(?:calendar|calendarview|events|conversations|threads|planner|onenote|team)\b/
const FILES = /^\/drives\/[^/]+\/|^\/drive\b/
const TEAMS = /^\/(?:teams|chats|teamwork|appcatalogs)\b/
const SITES = /^\/(?:sites|shares)\b|^\/groups\/[^/]+\/(?:sites|drives?)\b/
const DIRECTORY = /^\/(?:users|groups|applications|serviceprincipals|oauth2permissiongrants|directoryroles|directoryobjects|directory|rolemanagement|policies|identity|identityprotection|identitygovernance|riskyusers|auditlogs|devices|devicemanagement|deviceappmanagement|domains|organization|subscribedskus|administrativeunits|contacts|invitations|security|reports)\b/

/**
 * The kind of data a Graph call reads or writes: a user's mailbox (mail, calendar, contacts), files
 * (OneDrive, drives), Teams, a group's content, SharePoint sites, directory objects, or something else
 * (Planner, To Do, OneNote …). Directory roles govern directory objects only; the others have their own
 * object-level rights.
 */
export function dataKindOf(ctx: AnalysisContext): DataKind {
  const path = graphPath(ctx)
  const user = USER_PREFIX.exec(path)
  if (user !== null) return userDataKind(path.slice(user[0].length).split('/')[0] ?? '')
  if (FILES.test(path)) return 'files'
  if (TEAMS.test(path)) return 'teams'
  if (GROUP_CONTENT.test(path)) return 'group'
  if (SITES.test(path)) return 'sites'
  if (DIRECTORY.test(path)) return 'directory'
  return 'other'
}

function userDataKind(segment: string): DataKind {
  const open = segment.indexOf('(') // by hand: /\(.*$/ was polynomial on many '('
  const name = open < 0 ? segment : segment.slice(0, open)
  if (MAILBOX.test(name)) return 'mailbox'
  if (USER_FILES.test(name)) return 'files'
  if (USER_TEAMS.test(name)) return 'teams'
  if (USER_DIRECTORY.test(name)) return 'directory'
  return 'other'
}

/**
 * Whether the call is on the signed-in user's own data: `/me/…`, or `/users/{x}/…` where x is the
 * token's user (object id or user name). Undefined when the path names no user or the token does not say.
 */
export function isOwnData(ctx: AnalysisContext): boolean | undefined {
  const match = OWNER.exec(graphPath(ctx))
  if (match === null) return undefined
  const segment = match[0]
  if (segment === '/me') return true
  const named = decodeSafely(segment.slice('/users/'.length)).replace(/^'(.*)'$/, '$1').toLowerCase()
  const token = ctx.token
  const oid = token?.claims?.['oid']
  const own = [typeof oid === 'string' ? oid : undefined, token?.user].filter((value): value is string => value !== undefined)
  if (own.length === 0) return undefined
  return own.some((value) => value.toLowerCase() === named)
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const SHARED_FAMILIES = ['mail', 'calendars', 'contacts'] as const

/**
 * The `.Shared` scope a delegated token needs for another user's mailbox data, given the scope it holds
 * (`Mail.Read` → `Mail.Read.Shared`), or undefined when it already holds one or the family has none.
 */
export function sharedScopeFor(granted: readonly string[], scopes: readonly string[]): string | undefined {
  const held = new Set(scopes.map((scope) => scope.toLowerCase()))
  for (const name of granted) {
    const [family = '', access = ''] = name.split('.')
    if (!(SHARED_FAMILIES as readonly string[]).includes(family.toLowerCase())) continue
    const shared = `${family}.${access === 'Send' ? 'Send' : access.startsWith('ReadWrite') ? 'ReadWrite' : 'Read'}.Shared`
    return held.has(shared.toLowerCase()) ? undefined : shared
  }
  return undefined
}

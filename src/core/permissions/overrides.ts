/**
 * Our own corrections to the official permission map, each with its source. The map cannot express
 * property-level rules, lists application names that are not real app roles, and lists an
 * Application scheme for `/me` paths although Graph rejects `/me` with app-only tokens.
 */
import { requestSegments } from './match/request-path.js'
import { PARAM } from './match/segments.js'

const LEARN = 'https://learn.microsoft.com/graph'

/** A permission that a request property needs beyond what the endpoint's map says. */
export interface PropertyRule {
  readonly property: string
  readonly permissions: readonly string[]
  readonly directoryRoles: readonly string[]
  readonly note: string
  readonly source: string
}

interface PropertyRuleRow extends PropertyRule {
  readonly method: string
  /** Normalised path patterns (PARAM matches any id). */
  readonly paths: readonly (readonly string[])[]
}

const PROPERTY_RULES: readonly PropertyRuleRow[] = [
  {
    method: 'PATCH',
    paths: [['users', PARAM], ['me']],
    property: 'passwordProfile',
    permissions: ['User-PasswordProfile.ReadWrite.All'],
    directoryRoles: ['User Administrator', 'Privileged Authentication Administrator'],
    note:
      'Updating passwordProfile needs User-PasswordProfile.ReadWrite.All (the least privileged for password changes) ' +
      'and, app-only or delegated, a directory role: User Administrator for non-admin users, ' +
      'Privileged Authentication Administrator when the target user holds an admin role.',
    source: `${LEARN}/api/user-update`,
  },
]

/** A name the map lists for the Application scheme that is not an app role, and the app role to use instead. */
export interface AppRoleAlias {
  readonly from: string
  readonly to: string
  readonly source: string
}

/** Known aliases; with the GUID files the general rule `X` → `X.All` (see {@link applicationAlias}) also applies. */
export const APP_ROLE_ALIASES: readonly AppRoleAlias[] = [
  {
    from: 'Calendars.ReadBasic',
    to: 'Calendars.ReadBasic.All',
    source: 'the Microsoft Graph service principal lists the app role Calendars.ReadBasic.All (8ba4a692-bc31-4128-9094-475872af8a53), not Calendars.ReadBasic',
  },
]

/** The note attached when the Application scheme is dropped for a `/me` request. */
export const ME_APPLICATION_NOTE =
  'Application scheme dropped: /me is only valid with delegated authentication, an app-only token gets HTTP 400 ' +
  `(source: ${LEARN}/api/user-get).`

/** The note attached when a `/me` request was answered from the `/users/{id}` template. */
export const ME_TO_USERS_NOTE =
  'No /me template for this method: answered from the /users/{id} template, delegated schemes only.'

/**
 * The app role to use for an Application-scheme name that is not an app role, or undefined.
 * `isAppRole` answers from the GUID files; without them only the known aliases apply.
 */
export function applicationAlias(name: string, isAppRole: ((name: string) => boolean) | undefined): AppRoleAlias | undefined {
  const known = APP_ROLE_ALIASES.find((alias) => alias.from.toLowerCase() === name.toLowerCase())
  if (isAppRole === undefined) return known
  if (isAppRole(name)) return undefined
  if (known !== undefined) return known
  const all = `${name}.All`
  if (name.endsWith('.All') || !isAppRole(all)) return undefined
  return { from: name, to: all, source: `the Microsoft Graph service principal has no app role ${name}, only ${all}` }
}

/**
 * The property-level rule for a request whose JSON body sets one of `bodyKeys`, or undefined.
 * `template` may be a catalogue template (`/users/{id}`) or a request path (`/users/a@b.com`).
 *
 * @example
 * findPropertyRule('PATCH', '/users/{id}', ['passwordProfile'])?.permissions // ['User-PasswordProfile.ReadWrite.All']
 */
export function findPropertyRule(method: string, template: string, bodyKeys: readonly string[]): PropertyRule | undefined {
  const upper = method.toUpperCase()
  const segments = requestSegments(template)
  const keys = new Set(bodyKeys.map((key) => key.toLowerCase()))
  const row = PROPERTY_RULES.find(
    (rule) => rule.method === upper && keys.has(rule.property.toLowerCase()) && rule.paths.some((path) => matches(path, segments)),
  )
  if (row === undefined) return undefined
  const { property, permissions, directoryRoles, note, source } = row
  return { property, permissions, directoryRoles, note, source }
}

function matches(pattern: readonly string[], segments: readonly string[]): boolean {
  if (pattern.length !== segments.length) return false
  return pattern.every((part, i) => (part === PARAM ? !(segments[i] ?? '').startsWith('$') : part === segments[i]))
}

/** Where the docs' least-privileged answer contradicts a ReadWrite permission flagged least beside a read one. */
export const READ_OVER_READWRITE_SOURCE = `${LEARN}/api/group-list`

interface Ranked {
  readonly name: string
  readonly privilegeLevel: number | undefined
}

/**
 * Among least-flagged permissions sorted by privilege level then name, the read permission to suggest
 * instead of the first one when that one is a ReadWrite at the same level; otherwise undefined.
 * The data flags e.g. Group-NestingSupport.ReadWrite.All least for `GET /groups` (for the sake of one
 * property), and the alphabetical tie-break would suggest it to someone listing groups.
 *
 * @example
 * readOverReadWrite([{ name: 'Group-NestingSupport.ReadWrite.All', privilegeLevel: 2 }, { name: 'Group.ReadBasic.All', privilegeLevel: 2 }])?.name
 * // 'Group.ReadBasic.All'
 */
export function readOverReadWrite<T extends Ranked>(sorted: readonly T[]): T | undefined {
  const [first] = sorted
  if (first === undefined || !isReadWrite(first.name)) return undefined
  return sorted.find((candidate) => candidate.privilegeLevel === first.privilegeLevel && isReadOnly(candidate.name))
}

/** The note attached when {@link readOverReadWrite} changed the answer. */
export function readOverReadWriteNote(scheme: string, chosen: string, passedOver: string): string {
  return (
    `${scheme}: ${chosen} is suggested rather than ${passedOver}, also flagged least privileged: ` +
    `a read permission wins the tie against a ReadWrite one (source: ${READ_OVER_READWRITE_SOURCE}).`
  )
}

function isReadWrite(name: string): boolean {
  return name.toLowerCase().includes('readwrite')
}

function isReadOnly(name: string): boolean {
  const lower = name.toLowerCase()
  return lower.includes('read') && !lower.includes('readwrite')
}

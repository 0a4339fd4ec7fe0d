import { DEFAULT_MEMBER_ROLE_ID } from './tables/constants.js'
import { DIRECTORY_ROLE_TEMPLATES } from './tables/directory-role-table.js'
import { ownEntry } from './lookup.js'

const DEFAULT_MEMBER_ROLE_NAME = 'Default member user (no admin role)'

/** Former or API names that people still use, mapped to today's role name. */
const ROLE_ALIASES: Readonly<Record<string, string>> = {
  'company administrator': 'Global Administrator',
  'power bi administrator': 'Fabric Administrator',
  'azure ad joined device local administrator': 'Microsoft Entra Joined Device Local Administrator',
  'device administrators': 'Microsoft Entra Joined Device Local Administrator',
  'partner tier 1 support': 'Partner Tier1 Support',
  'partner tier 2 support': 'Partner Tier2 Support',
}

const ID_BY_LOWER_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(DIRECTORY_ROLE_TEMPLATES).map(([id, name]) => [name.toLowerCase(), id]),
)

/**
 * Name of a built-in directory role from its template id (as in `wids`), or `undefined` when unknown.
 * The id every member user carries (`b79fbf4d-…`) is named "Default member user (no admin role)".
 *
 * @example
 * directoryRoleName('fe930be7-5e62-47db-91af-98c3a49a38b1') // 'User Administrator'
 */
export function directoryRoleName(id: string): string | undefined {
  const key = id.trim().toLowerCase()
  if (key === DEFAULT_MEMBER_ROLE_ID) return DEFAULT_MEMBER_ROLE_NAME
  return ownEntry(DIRECTORY_ROLE_TEMPLATES, key)
}

/**
 * Template id of a built-in directory role from its name (case-insensitive; a few former names such as
 * "Company Administrator" are accepted), or `undefined` when unknown.
 *
 * @example
 * findDirectoryRoleId('user administrator') // 'fe930be7-5e62-47db-91af-98c3a49a38b1'
 */
export function findDirectoryRoleId(name: string): string | undefined {
  const key = name.trim().replace(/\s+/g, ' ').toLowerCase()
  const canonical = ownEntry(ROLE_ALIASES, key)?.toLowerCase() ?? key
  return ID_BY_LOWER_NAME.get(canonical)
}

/** True when the template id is a known built-in role (the default member id is not a role). */
export function isBuiltInRoleId(id: string): boolean {
  const key = id.trim().toLowerCase()
  return key !== DEFAULT_MEMBER_ROLE_ID && ownEntry(DIRECTORY_ROLE_TEMPLATES, key) !== undefined
}

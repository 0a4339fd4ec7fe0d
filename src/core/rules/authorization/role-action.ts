import { DIRECTORY_ROLE_TEMPLATES } from '../../token/tables/directory-role-table.js'
import type { RoleToAssign } from '../../types.js'

const ROLES = Object.entries(DIRECTORY_ROLE_TEMPLATES).map(([templateId, name]) => ({ templateId, name }))

/**
 * The first built-in directory role a piece of fix text names, as an action: the text lists the least
 * privileged role first (`Authentication Administrator (non-admin users) or Privileged …`).
 *
 * @example
 * firstRoleNamed('User Administrator', 'user') // { name: 'User Administrator', templateId: 'fe930be7-…', assignee: 'user' }
 */
export function firstRoleNamed(text: string, assignee: RoleToAssign['assignee']): RoleToAssign | undefined {
  let best: { index: number; name: string; templateId: string } | undefined
  for (const role of ROLES) {
    const index = new RegExp(`\\b${role.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).exec(text)?.index
    if (index === undefined) continue
    if (best === undefined || index < best.index || (index === best.index && role.name.length > best.name.length)) best = { index, ...role }
  }
  return best === undefined ? undefined : { name: best.name, templateId: best.templateId, assignee }
}

import type { RequiredPermissionsMessage } from './types.js'

const PATTERN =
  /API requires one of '([^']*)'\.?\s*(Scopes|Roles) on the request '([^']*)'/i

/**
 * Read the Teams-style message that lists the accepted and present permissions.
 *
 * @example
 * parseRequiredPermissionsMessage("Missing scope permissions on the request. API requires one of 'Chat.Read, Chat.ReadWrite'. Scopes on the request 'User.Read'")
 * // { kind: 'scopes', required: ['Chat.Read', 'Chat.ReadWrite'], present: ['User.Read'] }
 */
export function parseRequiredPermissionsMessage(message: string): RequiredPermissionsMessage | undefined {
  const match = PATTERN.exec(message)
  if (match === null) return undefined
  const [, required = '', kind = '', present = ''] = match
  return {
    kind: kind.toLowerCase() === 'roles' ? 'roles' : 'scopes',
    required: splitList(required),
    present: splitList(present),
  }
}

function splitList(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

import type { RequiredPermissionsMessage } from './types.js'

interface Form {
  /** Matches up to where the list starts (no lazy group running to a terminator: that was not linear). */
  readonly pattern: RegExp
  /** Where an unquoted list ends on its line: the first match of this, else the line's end. */
  readonly listEnd?: RegExp
  /** Which group holds the required list, the kind word, and the list present on the request. */
  readonly required: number
  readonly kind?: number
  readonly present?: number
}

/**
 * The ways services name the permissions a call needs, most specific first:
 * - Teams and others: "Missing role permissions on the request. API requires one of 'A, B'. Roles on
 *   the request 'C'. Resource specific consent grants on the request ''." (Scopes for delegated);
 * - Intune: "Application is not authorized to perform this operation. Application must have one of the
 *   following scopes: A, B - Operation ID …";
 * - Privileged Identity Management: "Authorization failed due to missing permission scope A,B.";
 * - "API required roles: A, B." and similar.
 */
const FORMS: readonly Form[] = [
  { pattern: /API requires one of ['"]([^'"]*)['"]\.?(?:\s*(Scopes|Roles) on the request ['"]([^'"]*)['"])?/i, required: 1, kind: 2, present: 3 },
  { pattern: /must have one of the following (scopes|roles|permissions):?/i, listEnd: /\s-\s+Operation ID/i, required: 2, kind: 1 },
  { pattern: /requires? one of the following (scopes|roles|permissions):?/i, listEnd: /\s-\s/, required: 2, kind: 1 },
  { pattern: /missing permission (scopes?|roles?)\s*:?/i, required: 2, kind: 1 },
  { pattern: /API required (roles|scopes|permissions):/i, listEnd: /\.\s+[A-Z]/i, required: 2, kind: 1 },
]

/** A permission name: dotted words, e.g. `ChannelMessage.Read.All`, `User-PasswordProfile.ReadWrite.All`. */
const PERMISSION = /^[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+/
/** Runs of name characters; each is cut to the permission name inside it ({@link PERMISSION} alone was quadratic). */
const NAME_RUN = /[A-Za-z0-9.-]+/g

function permissionNames(list: string): string[] {
  return (list.match(NAME_RUN) ?? []).flatMap((run) => {
    const start = run.search(/[A-Za-z]/)
    const name = start < 0 ? undefined : PERMISSION.exec(run.slice(start))?.[0]
    return name === undefined ? [] : [name]
  })
}

/**
 * Read a message in which the service names the permissions it accepts (and sometimes those the token
 * carried). The kind is `scopes` (delegated) or `roles` (application) when the message says so,
 * `unknown` when it only says "scopes" generically (Intune says "scopes" for app-only tokens too).
 *
 * @example
 * parseRequiredPermissionsMessage("Missing scope permissions on the request. API requires one of 'Chat.Read, Chat.ReadWrite'. Scopes on the request 'User.Read'")
 * // { kind: 'scopes', required: ['Chat.Read', 'Chat.ReadWrite'], present: ['User.Read'] }
 */
export function parseRequiredPermissionsMessage(message: string): RequiredPermissionsMessage | undefined {
  for (const form of FORMS) {
    const match = matchWithList(form, message)
    if (match === undefined) continue
    // Quoted lists are exact; unquoted ones run into the sentence, so only dotted names count there.
    const quoted = form.present !== undefined
    const required = quoted ? splitList(match[form.required] ?? '') : permissionsIn(match[form.required] ?? '')
    if (required.length === 0) continue
    const present = form.present === undefined ? undefined : match[form.present]
    return {
      kind: kindOf(form, match),
      required,
      present: present === undefined ? [] : splitList(present),
    }
  }
  return undefined
}

/** The form's match, with the unquoted list that follows it on the same line as group `required`. */
function matchWithList(form: Form, message: string): readonly (string | undefined)[] | undefined {
  const match = form.pattern.exec(message)
  if (match === null || form.present !== undefined) return match ?? undefined
  const rest = message.slice(match.index + match[0].length)
  const lineEnd = rest.search(/[\r\n]/)
  const line = lineEnd < 0 ? rest : rest.slice(0, lineEnd)
  const listEnd = form.listEnd === undefined ? -1 : line.search(form.listEnd)
  const groups: (string | undefined)[] = [...match]
  groups[form.required] = listEnd < 0 ? line : line.slice(0, listEnd)
  return groups
}

function kindOf(form: Form, match: readonly (string | undefined)[]): RequiredPermissionsMessage['kind'] {
  const word = (form.kind === undefined ? '' : match[form.kind] ?? '').toLowerCase()
  if (word.startsWith('role')) return 'roles'
  // Only the Teams form's "Scopes on the request" reliably means a delegated token.
  if (word.startsWith('scope') && form.present !== undefined) return 'scopes'
  return 'unknown'
}

function permissionsIn(list: string): string[] {
  const found: string[] = []
  for (const name of permissionNames(list)) if (!found.some((seen) => seen.toLowerCase() === name.toLowerCase())) found.push(name)
  return found
}

function splitList(list: string): string[] {
  return list.split(/[,\s]+/).filter((item) => item !== '')
}

/**
 * POST /teams answered 400: the body Graph expects differs by token kind and API version, and its
 * messages name a property, not the fix. Read from the request body and the message: owners@odata.bind
 * is beta-only ("Invalid bind property name owners in request.", microsoft-graph-docs-contrib#4672),
 * a member given by userId instead of user@odata.bind ("The navigation bind for the user was missing in
 * request", #4178), and an app-only request needs exactly one owner member (learn.microsoft.com "Create
 * team", example 2; pnp/cli-microsoft365#4916).
 */
import type { AnalysisContext } from '../context.js'
import { graphMessage, graphPath } from './facts.js'

const OWNERS_BIND = /Invalid bind property name owners/i
const NAVIGATION_BIND = /navigation bind for the user was missing/i
const TEMPLATE = "\"template@odata.bind\": \"https://graph.microsoft.com/v1.0/teamsTemplates('standard')\""
/** The v1.0 body of a team with its owner, as lines of code under the step's prose. */
const BODY = [
  '{',
  `  ${TEMPLATE},`,
  '  "displayName": "<team name>",',
  '  "members": [{',
  '    "@odata.type": "#microsoft.graph.aadUserConversationMember",',
  '    "roles": ["owner"],',
  '    "user@odata.bind": "https://graph.microsoft.com/v1.0/users(\'{owner-user-id}\')"',
  '  }]',
  '}',
].join('\n')

interface TeamBody {
  readonly hasTemplate: boolean
  readonly hasOwnersBind: boolean
  readonly members: readonly Record<string, unknown>[]
}

/** The known cause and fix of a 400 on POST /teams, or undefined for another call. */
export function teamCreateHint(ctx: AnalysisContext): { readonly cause: string; readonly fix: string[] } | undefined {
  if (ctx.method !== 'POST' || graphPath(ctx) !== '/teams') return undefined
  const message = graphMessage(ctx)
  const body = teamBody(ctx.requestJson)
  const appOnly = ctx.token?.kind === 'app-only'
  const shape = `Send a body of this shape${appOnly ? ' (app-only: exactly one member, an owner who is a licensed user)' : ''}:\n${BODY}`
  if (OWNERS_BIND.test(message) || body?.hasOwnersBind === true) {
    return { cause: 'owners@odata.bind exists only in beta; in v1.0 the owner is a member with the owner role', fix: ['Replace owners@odata.bind with the owner as a member whose roles are ["owner"], bound with user@odata.bind.', shape] }
  }
  if (NAVIGATION_BIND.test(message) || body?.members.some((member) => 'userId' in member && !('user@odata.bind' in member)) === true) {
    return { cause: 'a member is named by userId, but creating a team binds each member with user@odata.bind', fix: ['Bind each member with "user@odata.bind": "https://graph.microsoft.com/v1.0/users(\'{user-id}\')" instead of "userId".', shape] }
  }
  return { cause: `the team's body is not what Graph expects when creating a team${appOnly ? ' without a signed-in user' : ''}`, fix: checklist(body, appOnly, shape) }
}

function checklist(body: TeamBody | undefined, appOnly: boolean, shape: string): string[] {
  const steps: string[] = []
  if (body !== undefined && !body.hasTemplate) steps.push('The body has no template: add "template@odata.bind" (the standard template: teamsTemplates(\'standard\')).')
  const owners = body?.members.filter((member) => Array.isArray(member['roles']) && member['roles'].includes('owner')).length
  if (appOnly && owners === 0) steps.push('An app-only request has no signed-in user to make owner: name exactly one owner in members (a team needs a human owner).')
  steps.push(shape)
  if (appOnly) steps.push('The app needs the application permission Team.Create (admin consent); a missing permission answers 403, not 400.')
  return steps
}

function teamBody(json: unknown): TeamBody | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
  const record = json as Record<string, unknown>
  const members = Array.isArray(record['members']) ? record['members'].filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : []
  return { hasTemplate: 'template@odata.bind' in record, hasOwnersBind: 'owners@odata.bind' in record, members }
}

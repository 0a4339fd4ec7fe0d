/**
 * The call behind a .NET SDK v4 (Microsoft.Graph 1.x–4.x) stack trace. v4 names its request classes
 * after the entity TYPE, not the path: `UserRequest` (one user, `/users/{id}` or `/me`),
 * `GraphServiceUsersCollectionRequest` (`/users`), `UserMessagesCollectionRequest` (`/users/{id}/messages`),
 * `GroupMembersCollectionReferencesRequest` (`/groups/{id}/members/$ref`), `UserSendMailRequest`
 * (`/users/{id}/sendMail`), and the verb is the method (`GetAsync`, `AddAsync` POST, `UpdateAsync` PATCH,
 * `DeleteAsync`, `PutAsync`, `CreateAsync`/`PostAsync` POST). A type reached by one path family is mapped
 * (`OWNER_PATHS`); a type several paths share with different permissions (an attachment, a chat message)
 * is said as such, so the answer asks for the line of code instead of guessing.
 */

/** What a v4 frame says of the call: the call itself, or what it is and why its path is unsure. */
export type DotnetV4Call =
  | { readonly kind: 'call'; readonly method: string; readonly url: string; readonly label: string }
  | { readonly kind: 'unclear'; readonly said: string }

const FRAME = /\bMicrosoft\.Graph\.([A-Z][A-Za-z0-9]{0,120})Request(?:\.|\+<|\.<)(Get|Add|Update|Delete|Create|Put|Post)Async\b/
const VERB_METHODS: Readonly<Record<string, string>> = { Get: 'GET', Add: 'POST', Update: 'PATCH', Delete: 'DELETE', Create: 'POST', Put: 'PUT', Post: 'POST' }
const NOT_REQUESTS = new Set(['Base', 'BaseCollection', 'Batch', 'BaseStream'])

/** Entity types served by one path family (the shortest, `/users/{id}` for `/me` too), as an item's path. */
const OWNER_PATHS: Readonly<Record<string, string>> = {
  User: '/users/{id}', Group: '/groups/{id}', Application: '/applications/{id}', ServicePrincipal: '/servicePrincipals/{id}',
  Device: '/devices/{id}', OrgContact: '/contacts/{id}', DirectoryRole: '/directoryRoles/{id}', Domain: '/domains/{id}',
  Organization: '/organization/{id}', Subscription: '/subscriptions/{id}', Team: '/teams/{id}', Chat: '/chats/{id}',
  Channel: '/teams/{id}/channels/{id}', Drive: '/drives/{id}', DriveItem: '/drives/{id}/items/{id}', Site: '/sites/{id}',
  List: '/sites/{id}/lists/{id}', ListItem: '/sites/{id}/lists/{id}/items/{id}', MailFolder: '/users/{id}/mailFolders/{id}',
  Message: '/users/{id}/messages/{id}', Calendar: '/users/{id}/calendar', Event: '/users/{id}/events/{id}',
  ContactFolder: '/users/{id}/contactFolders/{id}', Contact: '/users/{id}/contacts/{id}', OnlineMeeting: '/users/{id}/onlineMeetings/{id}',
  Authentication: '/users/{id}/authentication', Presence: '/users/{id}/presence', TodoTaskList: '/users/{id}/todo/lists/{id}',
  TodoTask: '/users/{id}/todo/lists/{id}/tasks/{id}', PlannerPlan: '/planner/plans/{id}', PlannerTask: '/planner/tasks/{id}',
  PlannerBucket: '/planner/buckets/{id}', Conversation: '/groups/{id}/conversations/{id}', ConversationThread: '/groups/{id}/threads/{id}',
  Post: '/groups/{id}/threads/{id}/posts/{id}', AdministrativeUnit: '/directory/administrativeUnits/{id}',
  ConditionalAccessPolicy: '/identity/conditionalAccess/policies/{id}',
  DeviceManagement: '/deviceManagement', ManagedDevice: '/deviceManagement/managedDevices/{id}', Invitation: '/invitations',
  Schedule: '/teams/{id}/schedule', SchemaExtension: '/schemaExtensions/{id}', GroupSetting: '/groupSettings/{id}',
}

/** The entity types mapped to a path (each held against the permission catalogue by its test). */
export const DOTNET_V4_MAPPED_TYPES: readonly string[] = Object.keys(OWNER_PATHS)

/** Types whose paths differ in the permission they need: what the type is, to say so. */
const SHARED_TYPES: Readonly<Record<string, string>> = {
  Attachment: 'an attachment of a message, an event or a group post',
  ChatMessage: 'a message of a chat or of a channel',
  AppRoleAssignment: 'an app role assignment of a user, a group or a service principal',
  ProfilePhoto: 'the photo of a user, a group or a contact',
  DirectoryObject: 'a directory object or a link to one (a member, an owner, a manager)',
  Permission: 'a permission of a drive item or of a site',
  ConversationMember: 'a member of a team, a channel or a chat',
  Extension: 'an open extension of a user, a group, a message or an event',
}

/**
 * The call a .NET SDK v4 stack trace names, or what its frame says when the path is not certain;
 * undefined when there is no v4 request frame.
 *
 * @example
 * dotnetV4Call('   at Microsoft.Graph.GraphServiceUsersCollectionRequest.GetAsync(CancellationToken cancellationToken)')
 * // { kind: 'call', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users', label: '…' }
 */
export function dotnetV4Call(text: string): DotnetV4Call | undefined {
  const match = FRAME.exec(text.slice(0, 64_000))
  const stem = match?.[1]
  const verb = match?.[2]
  if (stem === undefined || verb === undefined || NOT_REQUESTS.has(stem)) return undefined
  const method = VERB_METHODS[verb] ?? 'GET'
  const frame = `${stem}Request.${verb}Async`
  const path = pathOf(stem)
  if (typeof path === 'string') {
    const label = `the .NET SDK v4 stack trace (${frame}${path.startsWith('/users/{id}') ? '; the same class serves /me' : ''})`
    return { kind: 'call', method, url: `https://graph.microsoft.com/v1.0${path}`, label }
  }
  if (path !== undefined) return { kind: 'unclear', said: `the .NET SDK v4 request ${frame} (${method} on ${path.shared})` }
  return { kind: 'unclear', said: `the .NET SDK v4 request ${frame} (${method}; graph-doctor does not know the path of this request class)` }
}

/** The path of a request class's stem, or the shared type it acts on, or undefined. */
function pathOf(stem: string): string | { readonly shared: string } | undefined {
  const set = /^GraphService([A-Z][A-Za-z0-9]{0,100})Collection$/.exec(stem)?.[1]
  if (set !== undefined) return `/${lowerFirst(set)}`
  const { base, suffix } = withoutSuffix(stem)
  const shared = SHARED_TYPES[base]
  if (shared !== undefined) return { shared }
  const whole = OWNER_PATHS[base]
  if (whole !== undefined) return `${whole}${suffix}`
  const split = ownerSplit(base)
  if (split === undefined) return undefined
  const [owner, nav] = split
  const sharedOwner = SHARED_TYPES[owner]
  if (sharedOwner !== undefined) return { shared: sharedOwner }
  const ownerPath = OWNER_PATHS[owner] ?? ''
  // `Users.Delta()` is bound to the collection, not to one user.
  if (nav === 'delta') return `${ownerPath.replace(/\/\{id\}$/, '')}/delta`
  return `${ownerPath}/${nav}${suffix}`
}

/** `…CollectionReferences` → `/$ref` on the collection; `…Reference` → `/$ref` on the item. */
function withoutSuffix(stem: string): { readonly base: string; readonly suffix: string } {
  for (const [word, suffix] of [['CollectionWithReferences', ''], ['CollectionReferences', '/$ref'], ['Collection', ''], ['WithReference', ''], ['Reference', '/$ref']] as const) {
    if (stem.endsWith(word) && stem.length > word.length) return { base: stem.slice(0, -word.length), suffix }
  }
  return { base: stem, suffix: '' }
}

/** `MailFolderMessages` → the longest known type that starts it and a navigation or action name after it. */
function ownerSplit(base: string): readonly [string, string] | undefined {
  for (let at = base.length - 1; at > 0; at--) {
    if (!/[A-Z]/.test(base.charAt(at))) continue
    const owner = base.slice(0, at)
    if (OWNER_PATHS[owner] !== undefined || SHARED_TYPES[owner] !== undefined) return [owner, lowerFirst(base.slice(at))]
  }
  return undefined
}

const lowerFirst = (name: string): string => `${name.charAt(0).toLowerCase()}${name.slice(1)}`

/**
 * The call behind a .NET Graph SDK (v5+, Kiota) stack trace: the first request builder frame names the
 * path by its namespace and the method by its name, e.g.
 * `at Microsoft.Graph.Users.Item.Messages.MessagesRequestBuilder.GetAsync(…)` → GET /users/{id}/messages
 * (`Item` is the id segment; the Beta SDK lives in `Microsoft.Graph.Beta`).
 */
const BUILDER_FRAME = /\bat Microsoft\.Graph\.(Beta\.)?((?:[A-Z][A-Za-z0-9]{0,80}\.){1,20})[A-Z][A-Za-z0-9]{0,80}RequestBuilder\.(Get|Post|Patch|Put|Delete)Async\b/

/** The method and URL a .NET SDK stack trace names, or undefined. */
export function requestBuilderCall(text: string): { readonly method: string; readonly url: string } | undefined {
  const match = BUILDER_FRAME.exec(text.slice(0, 64_000))
  if (match === null) return undefined
  const [, beta, namespace = '', verb = ''] = match
  const segments = namespace.split('.').filter((segment) => segment !== '')
  if (segments.length === 0 || segments[0] === 'Models') return undefined
  const path = segments.map((segment) => (segment === 'Item' ? '{id}' : `${segment.charAt(0).toLowerCase()}${segment.slice(1)}`)).join('/')
  return { method: verb.toUpperCase(), url: `https://graph.microsoft.com/${beta === undefined ? 'v1.0' : 'beta'}/${path}` }
}

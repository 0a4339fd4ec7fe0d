/**
 * Token analysis: parse the Authorization header, decode an access token WITHOUT verifying it,
 * classify it for Microsoft Graph, judge its lifetime and explain its claims.
 */
export { parseAuthorizationHeader, type AuthorizationHeader } from './authorization-header.js'
export { analyseToken } from './analyse.js'
export { tokenFromResponseJson } from './token-response.js'
export { analysePrincipal, principalKind, type PrincipalClaims } from './principal.js'
export { classifyAudience, cloudOfIssuer } from './audience.js'
export { formatDuration, judgeTokenTime } from './time.js'
export { explainClaims } from './explain.js'
export { summarizeToken, type TokenSummary } from './summary.js'
export { directoryRoleName, findDirectoryRoleId, isBuiltInRoleId } from './directory-roles.js'
export {
  AAD_GRAPH_APP_ID,
  CONSUMER_TENANT_ID,
  DEFAULT_MEMBER_ROLE_ID,
  EXCHANGE_APP_ID,
  GRAPH_APP_ID,
  SHAREPOINT_APP_ID,
} from './tables/constants.js'
export type * from './types.js'

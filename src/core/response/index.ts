/** Response analysis: Graph error bodies, WWW-Authenticate, claims challenges, token-endpoint errors. */
export { parseGraphError } from './graph-error.js'
export { parseWwwAuthenticate } from './www-authenticate.js'
export { findClaimsChallenge, decodeClaimsChallenge } from './claims.js'
export { parseTokenEndpointError } from './token-error.js'
export { parseRequiredPermissionsMessage } from './required-permissions.js'
export { parseJsonBody } from './json.js'
export type {
  AuthChallenge,
  ClaimsRequest,
  GraphErrorBody,
  RequiredPermissionsMessage,
  TokenEndpointError,
} from './types.js'

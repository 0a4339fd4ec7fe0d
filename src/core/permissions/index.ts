/**
 * The permission engine: which permissions a Microsoft Graph call accepts (from the official
 * permission map), the least-privileged one per scheme, and whether a token's scopes or roles are enough.
 */
export { buildPermissionCatalogue, validatePermissionsDocument } from './build.js'
export type { CatalogueInput } from './build.js'
export { serializeCatalogueIndex, loadCatalogueIndex, INDEX_VERSION } from './index/index-format.js'
export { checkAuthorization } from './authorize.js'
export { findPropertyRule, applicationAlias, APP_ROLE_ALIASES } from './overrides.js'
export type { PropertyRule, AppRoleAlias } from './overrides.js'
export type {
  AcceptedPermission,
  AuthorizationCheck,
  EndpointPermissions,
  ExcludedPermission,
  MatchFallback,
  PermissionCatalogue,
  PermissionKind,
  SchemePermissions,
} from './types.js'

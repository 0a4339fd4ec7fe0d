/**
 * graph-doctor as a library: explain Microsoft Graph 401, 403 and 400 errors offline, from a failed
 * request/response, an access token or a HAR capture. Pure and isomorphic (Node and browsers); the
 * permission catalogue is built from data you supply (the official `permissions.json`).
 *
 * @example
 * import { diagnose, parseInput, renderText } from 'graph-doctor'
 * const diagnosis = diagnose(parseInput(harText, 'capture.har'))
 * console.log(renderText(diagnosis, { colour: false }))
 *
 * @module graph-doctor
 */
export { diagnose, diagnoseExchange, createDiagnoser } from './core/diagnose.js'
export { readHarStream } from './core/stream/har-stream.js'
export { parseInput, exchangeFromFlags, detectFormat, expandBatches } from './core/input/index.js'
export { classifyUrl } from './core/target-classify.js'
export { analyseToken, parseAuthorizationHeader, judgeTokenTime, explainClaims, summarizeToken } from './core/token/index.js'
export { redactSecrets, redactBody } from './core/redact.js'
export { catalogue, findingIds, isFindingId } from './core/catalogue.js'
export { GraphDoctorError, isGraphDoctorError } from './core/errors.js'
export {
  buildPermissionCatalogue,
  loadCatalogueIndex,
  serializeCatalogueIndex,
  checkAuthorization,
  validatePermissionsDocument,
} from './core/permissions/index.js'
export { lookupAadsts, extractAadstsCodes } from './core/aadsts.js'
export { buildKqlQuery, pathShape } from './core/kql/index.js'
export { getHeader, getHeaders } from './core/exchange.js'
export { renderText, createTextRenderer } from './render/diagnosis/text.js'
export { renderJson, JSON_CONTRACT_VERSION } from './render/diagnosis/json.js'
export { renderMarkdown } from './render/diagnosis/markdown.js'

export type { Diagnosis, DiagnosisResult, Finding, Evidence, EvidenceSource, Link, Severity, PermissionScheme, PermissionSummary, FixActions, RoleToAssign } from './core/types.js'
export type { FindingId, FindingInfo } from './core/catalogue.js'
export type { Diagnoser, DiagnoseOptions } from './core/diagnose.js'
export type { HarStreamOptions } from './core/stream/har-stream.js'
export type { ErrorCode } from './core/errors.js'
export type { Exchange, HttpRequest, HttpResponse, HeaderList, InputFormat } from './core/exchange.js'
export type { Target, TargetKind, Cloud } from './core/target.js'
export type { TokenAnalysis, TokenTimeJudgement, TokenTimeState, ClaimExplanation, Audience, AudienceKind, DirectoryRole, TokenForm, TokenKind, AccountType } from './core/token/types.js'
export type { GraphErrorBody, AuthChallenge, ClaimsRequest, TokenEndpointError, RequiredPermissionsMessage } from './core/response/types.js'
export type { PermissionCatalogue, EndpointPermissions, SchemePermissions, AcceptedPermission, AuthorizationCheck, PermissionKind, MatchFallback } from './core/permissions/types.js'
export type { TextRenderOptions, TextRenderer } from './render/diagnosis/text.js'
export type { MarkdownRenderOptions } from './render/diagnosis/markdown.js'
export type { KqlOptions, KqlQuery, KqlTable } from './core/kql/index.js'

/** The permission lookup box, answered in the worker: `graph-doctor perms` for one method and URL. */
import { GraphDoctorError } from '../../core/errors.js'
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import { classifyUrl } from '../../core/target-classify.js'
import { analyseToken } from '../../core/token/index.js'
import type { TokenAnalysis } from '../../core/token/types.js'
import { buildPermsReport } from '../../render/perms/verdict.js'
import { unmatchedHint } from '../../render/perms/version.js'
import type { PermsAnswer } from '../protocol.js'
import { tokenOfText } from './token-input.js'

/** A path gets a leading `/`; a full URL must be on a Microsoft Graph host. */
function requestPath(value: string): string {
  const trimmed = value.trim()
  if (trimmed === '') throw new GraphDoctorError('ERR_USAGE', 'give a URL or a path, e.g. /me/messages')
  if (!/^https?:\/\//i.test(trimmed)) return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
  const target = classifyUrl(trimmed)
  if (target.kind !== 'graph') throw new GraphDoctorError('ERR_USAGE', `not a Microsoft Graph URL: ${target.host === '' ? '(unreadable host)' : target.host}`)
  return trimmed
}

function readToken(text: string): TokenAnalysis {
  const found = tokenOfText(text)
  if (found?.token === undefined) throw new GraphDoctorError('ERR_INPUT_FORMAT', `the token field: ${found?.problem ?? 'holds no token'}`)
  const analysis = analyseToken(found.token)
  if (analysis.form === 'malformed') throw new GraphDoctorError('ERR_INPUT_FORMAT', `the token field is not an access token: ${analysis.problem ?? 'it cannot be decoded'}`)
  if (analysis.form === 'opaque') throw new GraphDoctorError('ERR_INPUT_FORMAT', 'the token is opaque (not a JWT, e.g. a personal-account token): its permissions cannot be read')
  return analysis
}

/** The permissions a call accepts and, with a token, whether it is enough. */
export function lookupPermissions(catalogue: PermissionCatalogue, method: string, url: string, tokenText: string): PermsAnswer {
  const path = requestPath(url)
  const token = tokenText.trim() === '' ? undefined : readToken(tokenText)
  const endpoint = catalogue.lookup(method, path)
  if (endpoint === undefined) return { matched: false, method, url: path, hint: unmatchedHint(path) }
  return { matched: true, report: buildPermsReport({ catalogue, method, url: path, endpoint, ...(token === undefined ? {} : { token }) }) }
}

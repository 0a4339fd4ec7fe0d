import type { Cloud, Target } from './target.js'
import { ownEntry } from './token/lookup.js'
import { plainUrlParts } from './url-parts.js'

const GRAPH_HOSTS: Readonly<Record<string, Cloud>> = {
  'graph.microsoft.com': 'global',
  'canary.graph.microsoft.com': 'global',
  'graph.microsoft.us': 'us-gov',
  'dod-graph.microsoft.us': 'us-dod',
  'microsoftgraph.chinacloudapi.cn': 'china',
}

const LOGIN_HOSTS: Readonly<Record<string, Cloud>> = {
  'login.microsoftonline.com': 'global',
  'login.windows.net': 'global',
  'login.microsoft.com': 'global',
  'sts.windows.net': 'global',
  'login.microsoftonline.us': 'us-gov',
  'login.chinacloudapi.cn': 'china',
  'login.partner.microsoftonline.cn': 'china',
}

const OUTLOOK_HOSTS = new Set(['outlook.office.com', 'outlook.office365.com'])

/** `v1.0`, `beta`, `v2`, `v1.1`…: a first path segment that names an API version. */
const VERSION_SEGMENT = /^(?:beta|v\d+(?:\.\d+)?)$/i

/** A bare Graph path: `/v1.0/me`, `me/messages?$top=1`, `users/%7Bid%7D`. No spaces. */
const BARE_PATH = /^\/?(?:[\w$.~-]|%[0-9a-f]{2})[^\s]*$/i

interface UrlParts {
  readonly host: string
  readonly path: string
}

/**
 * Classify a request URL: Graph (per cloud), the identity platform's token or authorize endpoint,
 * SharePoint REST, Outlook REST, or `other`. A bare path (`/v1.0/me`, `me`) is taken as global Graph.
 * Never throws: anything unrecognisable is kind `other`.
 *
 * @example
 * classifyUrl('https://graph.microsoft.us/v1.0/users') // { kind: 'graph', cloud: 'us-gov', version: 'v1.0', path: '/users', host: 'graph.microsoft.us' }
 */
export function classifyUrl(url: string): Target {
  const known = recent.get(url)
  if (known !== undefined) return known
  const target = classifyUncached(url)
  if (recent.size >= RECENT_LIMIT) recent = new Map()
  recent.set(url, target)
  return target
}

/** The input readers, batch expansion and context all classify the same URL: remember the last few. */
const RECENT_LIMIT = 256
let recent = new Map<string, Target>()

function classifyUncached(url: string): Target {
  const parts = splitUrl(url.trim())
  if (parts === undefined) return { kind: 'other', host: '', path: '' }
  const { host, path } = parts
  const graphCloud = ownEntry(GRAPH_HOSTS, host)
  if (graphCloud !== undefined) return graphTarget(host, graphCloud, path)
  const loginCloud = ownEntry(LOGIN_HOSTS, host)
  if (loginCloud !== undefined) return identityTarget(host, loginCloud, path)
  if (host.endsWith('.sharepoint.com') || host.endsWith('.sharepoint.us') || host.endsWith('.sharepoint.cn')) {
    return { kind: /^\/(?:.*\/)?(?:_api|_vti_bin)(?:\/|$)/i.test(path) ? 'sharepoint' : 'other', host, path }
  }
  if (OUTLOOK_HOSTS.has(host)) return { kind: /^\/(?:api|ews)(?:\/|$)/i.test(path) ? 'outlook' : 'other', host, path }
  return { kind: 'other', host, path }
}

function splitUrl(url: string): UrlParts | undefined {
  if (url === '') return undefined
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const plain = plainUrlParts(url)
    if (plain !== undefined) return { host: plain.host, path: plain.path.includes('%') ? decodePath(plain.path) : plain.path }
    try {
      const parsed = new URL(url)
      return { host: parsed.hostname.toLowerCase(), path: decodePath(parsed.pathname) }
    } catch {
      return undefined
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || !BARE_PATH.test(url)) return undefined
  // A bare path or a relative one (`me`, `/v1.0/me?$select=id`): Graph in the global cloud.
  const path = url.replace(/[?#].*$/s, '')
  return { host: 'graph.microsoft.com', path: decodePath(path.startsWith('/') ? path : `/${path}`) }
}

/** `/v1.0/$batch` arrives as `%24batch` from some clients: decode what is safe to decode. */
function decodePath(path: string): string {
  try {
    return decodeURI(path).replace(/%24/gi, '$')
  } catch {
    return path
  }
}

function graphTarget(host: string, cloud: Cloud, path: string): Target {
  const segments = path.split('/')
  const first = segments[1] ?? ''
  const hasVersion = VERSION_SEGMENT.test(first)
  const rest = hasVersion ? `/${segments.slice(2).join('/')}` : path === '' ? '/' : path
  const isBatch = /^\/\$batch\/?$/i.test(rest)
  const target: Target = hasVersion
    ? { kind: 'graph', host, cloud, version: first, path: rest }
    : { kind: 'graph', host, cloud, path: rest }
  return isBatch ? { ...target, isBatch: true } : target
}

function identityTarget(host: string, cloud: Cloud, path: string): Target {
  const segments = path.split('/').filter((segment) => segment !== '')
  const tenant = segments[0]
  const endpoint = segments[segments.length - 1]?.toLowerCase()
  const isOauth = segments[1]?.toLowerCase() === 'oauth2'
  if (tenant === undefined || !isOauth) return { kind: 'other', host, cloud, path }
  if (endpoint === 'token') return { kind: 'token-endpoint', host, cloud, path, tenant }
  if (endpoint === 'authorize') return { kind: 'authorize-endpoint', host, cloud, path, tenant }
  return { kind: 'other', host, cloud, path, tenant }
}

/** The public origins of Microsoft Graph and the login host: what a proxied or configured call is diagnosed as. */
export const CANONICAL_ORIGINS = { graph: 'https://graph.microsoft.com', login: 'https://login.microsoftonline.com' } as const

/**
 * Whether a path (with its query) is under a Graph version, `/v1.0` or `/beta`: what routes a call to
 * Graph rather than to the login host.
 *
 * @example
 * isGraphVersionPath('/v1.0/me?$select=id') // true
 */
export function isGraphVersionPath(path: string): boolean {
  return /^\/(v1\.0|beta)(\/|\?|$)/i.test(path)
}

// Realistic request URLs for every (method, template) pair of the official permission map, used by the
// benchmark and by the round-trip accuracy test. Deterministic: the n-th pair always gets the same ids.

const GUIDS = ['3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'b5a0c1c8-2f4e-4c1e-9a57-6e1f0d6a9b21', '0d9b6a3e-7c52-4f0e-8a11-2b7c9e4f5d60']
const IDS = [
  ...GUIDS,
  'adele.vance@contoso.onmicrosoft.com',
  'AAMkAGI2TG93AAA=',
  'AAMkADYAAAImV_jAAA==',
  '1700000000001',
  'contoso.sharepoint.com,2c712f43-1b2a-4d0f-9d1e-2f3c4d5e6f70,712a596e-90a1-49e3-9b48-bfa80bee8740',
  '01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K',
  "o'brien@contoso.com",
]
const ITEM_PATHS = ['Documents/Report 2024.docx', 'Folder%20A/b.txt', 'notes.txt']
const HOSTS = ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn']
const QUOTED_ARGS = ["'D7'", "'Docs/x y.docx'", "'2024-01-01T00:00:00Z'", '5029332']

/**
 * Every (method, template) pair of a parsed permissions.json, in document order, without duplicates.
 * @param {unknown} document
 * @returns {{ method: string, template: string }[]}
 */
export function templatePairs(document) {
  const seen = new Set()
  const pairs = []
  const permissions = /** @type {Record<string, { pathSets?: { methods: string[], paths: Record<string, string> }[] }>} */ (
    /** @type {{ permissions: object }} */ (document).permissions
  )
  for (const entry of Object.values(permissions)) {
    for (const pathSet of entry.pathSets ?? []) {
      for (const template of Object.keys(pathSet.paths)) {
        for (const method of pathSet.methods) {
          const key = `${method} ${template}`
          if (seen.has(key)) continue
          seen.add(key)
          pairs.push({ method, template })
        }
      }
    }
  }
  return pairs
}

/**
 * A realistic request URL for a template: ids (GUIDs, UPNs, base64 with =, item paths, function
 * arguments), every cloud's host, v1.0 or beta, sometimes a query or a trailing slash.
 * @param {string} template
 * @param {number} n a seed; the same seed gives the same URL
 * @returns {string}
 */
export function instantiate(template, n) {
  let k = n
  const next = (/** @type {readonly string[]} */ list) => list[k++ % list.length]
  let path = template
  if (n % 7 === 0) path = path.replace(/^\/users\/\{[^}]*\}/, () => `/users(${odataString(next(IDS))})`)
  path = path
    .replace(/\(\{[^}]*\}\)/g, () => `(${n % 2 === 0 ? next(GUIDS) : odataString(next(IDS))})`)
    .replace(/:\/\{[^}]*\}(:?)/g, (_match, close) => `:/${next(ITEM_PATHS)}${close}`)
    .replace(/='\{[^}]*\}'/g, () => `=${quote(next(QUOTED_ARGS))}`)
    .replace(/=\{[^}]*\}/g, () => `=${next(QUOTED_ARGS)}`)
    .replace(/\{[^}]*\}/g, () => encodeURIComponent(next(IDS)).replace(/%40/g, '@').replace(/%2C/g, ','))
  const host = n % 5 === 0 ? '' : HOSTS[n % HOSTS.length]
  const version = n % 3 === 0 ? '/beta' : '/v1.0'
  const tail = n % 4 === 0 ? '?$select=id,displayName&$top=5' : n % 11 === 0 ? '/' : ''
  return `${host}${version}${path}${tail}`
}

/** An OData string literal: quoted, with apostrophes doubled. */
function odataString(value) {
  return `'${value.replace(/'/g, "''")}'`
}

function quote(value) {
  return value.startsWith("'") ? value : `'${value}'`
}

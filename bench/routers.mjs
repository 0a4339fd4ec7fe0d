// The comparison matchers of the lookup benchmark: find-my-way, @medley/router and a regex per
// template, each built over the SAME normalised templates as our trie (the index's template keys) and
// each given an already-normalised request path (lower-case, OData keys as segments, host, version and
// query removed), which our lookup has to work out from the raw URL itself.
import FindMyWay from 'find-my-way'
import MedleyRouter from '@medley/router'

const PARAM = '\u0000'
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']
/** What a placeholder stands for in the routers' request paths: an id of realistic length. */
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'

/**
 * The templates a router is built over, from our trie: per node where templates end, its normalised
 * segments and the template (as written) our engine answers with for each method, i.e. the first
 * template of that node (in id order) listing the method.
 * @param {{ paths(): string[][], templatesAt(node: number): number[] }} trie
 * @param {{ record(id: number): { template: string, methods: Record<string, unknown> } }} templates
 * @returns {{ segments: string[], byMethod: Record<string, string> }[]}
 */
export function routeTable(trie, templates) {
  const routes = []
  trie.paths().forEach((segments, node) => {
    const ids = trie.templatesAt(node)
    if (ids.length === 0) return
    const byMethod = {}
    for (const id of ids) {
      const record = templates.record(id)
      for (const method of Object.keys(record.methods)) byMethod[method] ??= record.template
    }
    routes.push({ segments, byMethod })
  })
  return routes
}

/**
 * A literal segment in a form every router takes as plain text: `(`, `)`, `:`, `*`, `'`, `%`, `/`, space and `~`
 * written as `~` and two hex digits. Not percent-encoding: find-my-way decodes `%xx` in request paths.
 */
function safe(segment) {
  return segment.replace(/[~%:()*'?#/ ]/g, (char) => `~${char.charCodeAt(0).toString(16)}`)
}

/** A route path in router syntax: `/users/:p1/messages`. */
export function routerPath(segments) {
  return '/' + segments.map((segment, i) => (segment === PARAM ? `:p${i}` : safe(segment))).join('/')
}

/** A normalised request path for the routers, from our own segments of the request. */
export function normalisedPath(segments) {
  return '/' + segments.map((segment) => (segment === PARAM ? ID : safe(segment))).join('/')
}

/** Each matcher: `build(routes)` returns `find(method, path) → template | undefined`. */
export const MATCHERS = {
  'find-my-way': (routes) => {
    const router = FindMyWay({ ignoreTrailingSlash: false, caseSensitive: true })
    for (const route of routes) {
      for (const [method, template] of Object.entries(route.byMethod)) {
        if (METHODS.includes(method)) router.on(method, routerPath(route.segments), noop, template)
      }
    }
    return (method, path) => router.find(method, path)?.store
  },
  '@medley/router': (routes) => {
    const router = new MedleyRouter()
    for (const route of routes) Object.assign(router.register(routerPath(route.segments)), route.byMethod)
    return (method, path) => router.find(path)?.store[method]
  },
  /** One anchored regex per template, most literal segments first, the first match wins. */
  'regex per template': (routes) => {
    const ordered = routes
      .map((route) => ({
        regex: new RegExp(`^/${route.segments.map((segment) => (segment === PARAM ? '[^/]+' : safe(segment).replace(/[.]/g, '\\.'))).join('/')}$`),
        literals: route.segments.filter((segment) => segment !== PARAM).length,
        byMethod: route.byMethod,
      }))
      .sort((a, b) => b.literals - a.literals)
    return (method, path) => {
      for (const route of ordered) if (route.byMethod[method] !== undefined && route.regex.test(path)) return route.byMethod[method]
      return undefined
    }
  },
}

function noop() {}

// The synthetic tenant behind bench/log-generator.mjs: apps with display names and a permission scheme,
// each calling endpoint templates of the bundled permission snapshot (data/permissions) with the
// permissions that cover them, some over-privileged, some missing one. Seeded; fake ids only.
import { readFileSync } from 'node:fs'

/** A seeded PRNG (mulberry32): the same seed gives the same logs. */
export function rng(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = (random, list) => list[Math.floor(random() * list.length)]
/** Skewed towards the start of the list (a few hot items, a long tail). */
export const pickSkewed = (random, list) => list[Math.floor(random() ** 2.2 * list.length)]

export function guid(random) {
  const hex = () => Math.floor(random() * 0x10000).toString(16).padStart(4, '0')
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex().slice(1)}-${hex()}${hex()}${hex()}`
}

const SCHEME_DELEGATED = 1
const SCHEME_APPLICATION = 4

/**
 * Templates of the snapshot with, per method, the permission names that grant it per scheme, read
 * through the engine (the index is binary: src/core/permissions/index/index-format.ts). The engine
 * comes from src/ when a TypeScript loader runs (the tests), else from the build in dist/.
 */
export async function loadTemplates(indexPath) {
  let engine
  try {
    engine = await import('../src/core/permissions/index.ts')
  } catch {
    engine = await import('../dist/core/permissions/index.js')
  }
  const { model } = engine.loadCatalogueIndex(readFileSync(indexPath))
  const templates = []
  for (let id = 0; id < model.templates.count; id++) {
    const { template: path, methods } = model.templates.record(id)
    if (path.startsWith('/')) templates.push({ path, methods: methodsOf(methods, (number) => model.permissions.at(number)?.name) })
  }
  return templates
}

function methodsOf(grantsByMethod, nameOf) {
  const methods = []
  for (const [method, numbers] of Object.entries(grantsByMethod)) {
    const delegated = []
    const application = []
    for (let i = 0; i + 4 < numbers.length; i += 5) {
      const name = nameOf(numbers[i])
      if (name === undefined) continue
      if (numbers[i + 1] & SCHEME_DELEGATED) delegated.push(name)
      if (numbers[i + 1] & SCHEME_APPLICATION) application.push(name)
    }
    methods.push({ method, delegated, application })
  }
  return methods
}

const VENDORS = ['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Woodgrove', 'Litware', 'Adatum', 'Proseware', 'Wingtip', 'Alpine Ski House', 'Coho', 'Lamna']
const PRODUCTS = ['HR Sync', 'Mail Archiver', 'Teams Bot', 'Backup', 'Provisioning', 'Reporting', 'Helpdesk Portal', 'Calendar Booking', 'Device Inventory', 'Intranet', 'Security Scanner', 'Expense App', 'Sites Migrator', 'Planner Sync', 'Onboarding Flow', 'Directory Audit']
/** Directory role template ids (Microsoft's published built-in role ids, not tenant data). */
export const ROLE_TEMPLATES = ['62e90394-69f5-4237-9190-012177145e10', 'fe930be7-5e62-47db-91af-98c3a49a38b1', '729827e3-9c14-49f7-bb1b-9608f156bbb8', 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', '194ae4cb-b126-40b2-bd5b-6091b380977d']
const BROAD = { delegated: ['Directory.ReadWrite.All', 'Mail.ReadWrite', 'Files.ReadWrite.All', 'Sites.FullControl.All'], application: ['Directory.ReadWrite.All', 'Mail.ReadWrite', 'Sites.FullControl.All', 'Files.ReadWrite.All', 'User.ReadWrite.All'] }

/** One app: ids, display name, scheme, the templates it calls and the permissions its tokens carry. */
function makeApp(random, index, templates) {
  const application = random() < 0.45
  const scheme = application ? 'application' : 'delegated'
  const calls = []
  const granted = new Set(application ? [] : ['openid', 'profile', 'email', 'User.Read'])
  const count = 3 + Math.floor(random() ** 1.5 * 40)
  for (let i = 0; i < count; i++) {
    const template = pickSkewed(random, templates)
    const method = pick(random, template.methods)
    const grants = method[scheme]
    if (grants.length === 0) continue
    calls.push({ path: template.path, method: method.method, grants })
    if (random() < 0.92) granted.add(grants[Math.floor(random() ** 3 * grants.length)])
  }
  if (random() < 0.3) granted.add(pick(random, BROAD[scheme]))
  return {
    appId: guid(random),
    servicePrincipalId: guid(random),
    displayName: `${VENDORS[index % VENDORS.length]} ${PRODUCTS[Math.floor(index / VENDORS.length) % PRODUCTS.length]}${index >= VENDORS.length * PRODUCTS.length ? ` ${index}` : ''}`,
    scheme,
    calls: calls.length > 0 ? calls : [{ path: '/me', method: 'GET', grants: ['User.Read'] }],
    permissions: [...granted],
    clientAuthMethod: application ? (random() < 0.6 ? 2 : 1) : random() < 0.5 ? 0 : 1,
    signinFailure: pick(random, [0, 0, 0, 65001, 7000222, 7000215, 700016, 53003, 50076]),
  }
}

/** The synthetic tenant: `apps` apps calling templates of the snapshot (seeded). */
export async function makeTenant(seed, indexPath, apps = 150) {
  const random = rng(seed)
  const all = await loadTemplates(indexPath)
  // A stable shuffle so the hot templates are not all /accessreviews/….
  const templates = all.map((template) => ({ template, key: random() })).sort((a, b) => a.key - b.key).map((entry) => entry.template)
  return {
    tenantId: guid(random),
    workspaceId: guid(random),
    apps: Array.from({ length: apps }, (_, index) => makeApp(random, index, templates)),
    templateCount: templates.length,
  }
}

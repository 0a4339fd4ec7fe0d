/**
 * AADSTS codes: what the code is, its category, the finding it leads to and our one-line fix.
 * The table is generated from `data/aadsts-codes.tsv`; the fixes are graph-doctor's own words.
 */
import type { AadstsCategory } from './data/aadsts-categories.js'
import { aadstsCategoryMeaning } from './data/aadsts-categories.js'
import { aadstsCodeRows } from './data/aadsts-codes.js'
import { aadstsExtraRows } from './data/aadsts-extra.js'
import { aadstsFixes } from './data/aadsts-fixes.js'

export type { AadstsCategory } from './data/aadsts-categories.js'
export { aadstsCategories, aadstsCategoryMeaning, isAadstsCategory } from './data/aadsts-categories.js'

/** The finding a token-endpoint error with this code leads to. */
export type AadstsFinding = 'interaction-required' | 'consent-missing' | 'token-personal-account' | 'token-request-failed'

/** Everything graph-doctor knows about one AADSTS code. */
export interface AadstsInfo {
  readonly code: number
  /** Microsoft's symbolic name (e.g. `UserStrongAuthClientAuthNRequired`); absent when none is published. */
  readonly name?: string
  readonly category: AadstsCategory
  /** What to do, in one line (our words). */
  readonly fix: string
  readonly finding: AadstsFinding
  /** Microsoft's live lookup page for the code. */
  readonly url: string
}

interface TableEntry {
  readonly name: string
  readonly category: AadstsCategory
}

let table: ReadonlyMap<number, TableEntry> | undefined

/**
 * The code table, built on first use: most diagnoses meet no AADSTS code, and the CLI bundles keep
 * the generated tables in a file of their own that is loaded only then (scripts/bundle-cli.mjs).
 */
function codeTable(): ReadonlyMap<number, TableEntry> {
  table ??= new Map([...aadstsCodeRows, ...aadstsExtraRows].map(([code, name, category]) => [code, { name, category }]))
  return table
}

/** Codes whose user can fix the problem by signing in again interactively, outside the two interactive categories. */
const INTERACTION_CODES: ReadonlySet<number> = new Set([50055, 50132, 50133, 50137, 50144, 50173, 70008, 700082, 700084])
/** Consent-shaped codes filed under configuration: the permission is not on the app registration. */
const CONSENT_CODES: ReadonlySet<number> = new Set([650056, 650057])
/**
 * Policy decisions that no interactive sign-in can satisfy: Conditional Access or a security policy
 * blocked the request outright, or the account or platform is blocked. Only an admin can change them.
 */
const POLICY_BLOCK_CODES: ReadonlySet<number> = new Set([50005, 53003, 53011, 530032, 530034])
/** A personal Microsoft account where only work or school accounts work (or the reverse). */
const PERSONAL_ACCOUNT_CODES: ReadonlySet<number> = new Set([500200, 500208, 9002332, 90027])

/**
 * Microsoft's lookup page for a code.
 *
 * @example
 * aadstsErrorUrl(50076) // 'https://login.microsoftonline.com/error?code=50076'
 */
export function aadstsErrorUrl(code: number): string {
  return `https://login.microsoftonline.com/error?code=${code}`
}

/**
 * True for a code whose policy blocks the request outright (53003 blocked by Conditional Access, …):
 * signing in again does not help, so a suberror or `interaction_required` must not override it.
 *
 * @example
 * isAadstsPolicyBlock(53003) // true
 */
export function isAadstsPolicyBlock(code: number): boolean {
  return POLICY_BLOCK_CODES.has(code)
}

/**
 * Which finding an AADSTS code leads to: policy blocks (53003 …) → `token-request-failed`, since
 * only an admin can lift them; MFA, Conditional Access and interactive steps →
 * `interaction-required`; consent → `consent-missing`; personal-account codes →
 * `token-personal-account`; everything else, unknown codes included → `token-request-failed`.
 *
 * @example
 * aadstsFindingFor(50076) // 'interaction-required'
 */
export function aadstsFindingFor(code: number): AadstsFinding {
  if (POLICY_BLOCK_CODES.has(code)) return 'token-request-failed'
  if (PERSONAL_ACCOUNT_CODES.has(code)) return 'token-personal-account'
  if (CONSENT_CODES.has(code)) return 'consent-missing'
  if (INTERACTION_CODES.has(code)) return 'interaction-required'
  const category = codeTable().get(code)?.category
  if (category === 'conditional-access' || category === 'user-interaction') return 'interaction-required'
  if (category === 'consent') return 'consent-missing'
  return 'token-request-failed'
}

/**
 * The table entry of a code, or undefined when graph-doctor does not know it.
 *
 * @example
 * lookupAadsts(7000215)?.fix // 'The client secret is wrong: send the secret VALUE …'
 */
export function lookupAadsts(code: number): AadstsInfo | undefined {
  const entry = codeTable().get(code)
  if (entry === undefined) return undefined
  const fix = aadstsFixes.get(code) ?? `Read the lookup page for this code; in general ${aadstsCategoryMeaning[entry.category]}.`
  const rest = { category: entry.category, fix, finding: aadstsFindingFor(code), url: aadstsErrorUrl(code) }
  return entry.name === '' ? { code, ...rest } : { code, name: entry.name, ...rest }
}

/** Every code graph-doctor knows, sorted. */
export function knownAadstsCodes(): number[] {
  return [...codeTable().keys()].sort((a, b) => a - b)
}

/**
 * Every `AADSTSnnnn` in a text (also `AADSTS 50076`, `AADSTS-50076`), in order of first appearance,
 * without duplicates.
 *
 * @example
 * extractAadstsCodes('AADSTS50076: … (AADSTS50076, AADSTS70043)') // [50076, 70043]
 */
export function extractAadstsCodes(text: string): number[] {
  const codes: number[] = []
  for (const match of text.matchAll(/AADSTS[ :#-]?(\d{1,9})(?!\d)/gi)) {
    const code = Number(match[1])
    if (!codes.includes(code)) codes.push(code)
  }
  return codes
}

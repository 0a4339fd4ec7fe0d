/**
 * The categories of AADSTS codes. The classification is graph-doctor's own (see
 * `data/aadsts-codes.tsv`); Microsoft publishes codes and names, not categories.
 */

/** What kind of problem an AADSTS code reports. */
export type AadstsCategory =
  | 'user-interaction'
  | 'consent'
  | 'configuration'
  | 'credentials'
  | 'conditional-access'
  | 'tenant'
  | 'token'
  | 'throttling'
  | 'server'
  | 'other'

/** One line per category: what it means for the person fixing the error. */
export const aadstsCategoryMeaning = {
  'user-interaction': 'the user must act in an interactive sign-in (pick an account, confirm, enter a code)',
  consent: 'consent for the app or one of its permissions is missing or was declined',
  configuration: 'the app registration or the request itself is set up wrongly',
  credentials: 'a user or client credential is wrong, expired, or the account is in a blocking state',
  'conditional-access': 'a Conditional Access, MFA, device, risk or security-defaults policy decided',
  tenant: 'wrong tenant, cloud or account type, or the user or app is not in the tenant',
  token: 'a grant, assertion or refresh token is invalid, expired or revoked',
  throttling: 'too many requests or a sign-in loop; back off',
  server: 'a transient or service-side failure; retry, then escalate',
  other: 'none of the above; read the lookup page for the code',
} as const satisfies Record<AadstsCategory, string>

/** Every category, in the order above. */
export const aadstsCategories: readonly AadstsCategory[] = Object.keys(aadstsCategoryMeaning) as AadstsCategory[]

/** True for a known category name. */
export function isAadstsCategory(value: string): value is AadstsCategory {
  return Object.hasOwn(aadstsCategoryMeaning, value)
}

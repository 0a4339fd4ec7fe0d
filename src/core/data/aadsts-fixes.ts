/** Every one-line fix, by code: the union of the themed fix modules. */
import { consentFixes, tenantFixes } from './aadsts-fixes-access.js'
import { appSetupFixes, oauthRequestFixes } from './aadsts-fixes-configuration.js'
import { credentialFixes, tokenFixes } from './aadsts-fixes-credentials.js'
import { claimsMappingFixes, externalProviderFixes } from './aadsts-fixes-federation.js'
import { otherFixes, serverFixes, throttlingFixes } from './aadsts-fixes-service.js'
import { conditionalAccessFixes, userInteractionFixes } from './aadsts-fixes-sign-in.js'

/** The themed fix tables; a code appears in exactly one (a test checks it). */
export const aadstsFixGroups: readonly Readonly<Record<number, string>>[] = [
  conditionalAccessFixes,
  userInteractionFixes,
  consentFixes,
  tenantFixes,
  oauthRequestFixes,
  appSetupFixes,
  claimsMappingFixes,
  externalProviderFixes,
  credentialFixes,
  tokenFixes,
  serverFixes,
  throttlingFixes,
  otherFixes,
]

/** Our one-line fix for each code. */
export const aadstsFixes: ReadonlyMap<number, string> = new Map(
  aadstsFixGroups.flatMap((fixes) => Object.entries(fixes).map(([code, fix]): [number, string] => [Number(code), fix])),
)

/**
 * Public client apps that tools used to sign in with and that no longer exist: no consent or retry can
 * bring them back; the fix is an app registration of one's own.
 */
import type { AnalysisContext } from '../../context.js'

interface RetiredClient {
  readonly name: string
  readonly detail: string
  readonly steps: readonly string[]
}

const RETIRED_CLIENTS: ReadonlyMap<string, RetiredClient> = new Map([
  ['31359c7f-bd7e-475c-86db-fdb8c937548e', {
    name: 'PnP Management Shell',
    detail: 'The sign-in used the "PnP Management Shell" multi-tenant app (31359c7f-bd7e-475c-86db-fdb8c937548e), which the PnP team deleted on 9 September 2024: no tenant can consent to it or sign in with it any more. PnP PowerShell and CLI for Microsoft 365 now need an app registration of your own.',
    steps: [
      'Register your own app once per tenant with a current PnP PowerShell: `Register-PnPEntraIDAppForInteractiveLogin -ApplicationName "PnP PowerShell" -Tenant <tenant>.onmicrosoft.com -Interactive` (it asks for admin consent to the permissions it adds), or register one in Entra admin center with the delegated permissions your scripts need and the redirect URI http://localhost.',
      'Connect with that app: `Connect-PnPOnline -Url https://<tenant>.sharepoint.com -Interactive -ClientId <your app id>` (or set the ENTRAID_APP_ID environment variable so -ClientId can be left out); for unattended scripts, use -ClientId with -Thumbprint or -CertificatePath (app-only) instead of a user.',
    ],
  }],
])

/** The retired client app the failed sign-in named, if any. */
export function retiredClientOf(appId: string | undefined): RetiredClient | undefined {
  return appId === undefined ? undefined : RETIRED_CLIENTS.get(appId.toLowerCase())
}

/** The retired app's own fix steps, for any sign-in finding about it. */
export function retiredClientSteps(ctx: AnalysisContext, appId: string | undefined): readonly string[] {
  return ctx.tokenError === undefined ? [] : retiredClientOf(appId)?.steps ?? []
}

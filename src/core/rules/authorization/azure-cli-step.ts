import type { AnalysisContext } from '../../context.js'

/** Azure CLI's own app: `az login` as a user signs in to it, and `az rest` sends its token. */
export const AZURE_CLI_APP_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46'

/**
 * For a denial `az rest` printed (`Forbidden({"error":…})`, or its `--debug` log): where the URL and the
 * token are, and why a scope cannot be added to Azure CLI's own app (its Microsoft Graph scopes are
 * pre-authorized by Microsoft; `az login --scope` asks for more and fails: Azure/azure-cli#23906, #26471).
 */
export function azureCliSteps(ctx: AnalysisContext): string[] {
  if (ctx.exchange.via !== 'azure-cli') return []
  const steps: string[] = []
  if (ctx.url === null || ctx.url === '') {
    steps.push('Azure CLI prints the URL of the call only with --debug: run the same az rest command with --debug and give graph-doctor the whole output, so it can name the exact least-privileged permission.')
  }
  if (ctx.token === undefined) {
    steps.push('See what the token holds: `az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv | graph-doctor token -`.')
  }
  steps.push(`Signed in to az as a user, az rest sends a token of Azure CLI's own app (${AZURE_CLI_APP_ID}), whose Microsoft Graph scopes Microsoft fixed: no consent adds a scope to it, and az login --scope cannot either. For a call it lacks, use an app registration of your own (or Microsoft Graph PowerShell: Connect-MgGraph -Scopes <permission>); signed in as a service principal (az login --service-principal), add the application permission to that app and grant admin consent.`)
  return steps
}

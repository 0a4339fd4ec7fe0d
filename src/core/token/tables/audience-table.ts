import type { Cloud } from '../../target.js'
import type { AudienceKind } from '../types.js'
import { AAD_GRAPH_APP_ID, EXCHANGE_APP_ID, GRAPH_APP_ID, SHAREPOINT_APP_ID } from './constants.js'

export interface KnownAudience {
  readonly kind: AudienceKind
  readonly name: string
  readonly cloud?: Cloud
}

/** Graph's name per cloud, e.g. for `aud` naming the Graph app id once the issuer told the cloud. */
export const GRAPH_NAME_BY_CLOUD: Readonly<Record<Cloud, string>> = {
  global: 'Microsoft Graph (global)',
  'us-gov': 'Microsoft Graph (US Gov L4, GCC High)',
  'us-dod': 'Microsoft Graph (US Gov L5, DoD)',
  china: 'Microsoft Graph (China, operated by 21Vianet)',
}

/**
 * Audiences matched exactly (lower case, without a trailing slash). App ids and URIs of Microsoft
 * resources that people send to Graph by mistake, plus a few well-known Azure APIs for naming.
 */
export const KNOWN_AUDIENCES: Readonly<Record<string, KnownAudience>> = {
  'https://graph.microsoft.com': { kind: 'graph', name: GRAPH_NAME_BY_CLOUD.global, cloud: 'global' },
  'https://graph.microsoft.us': { kind: 'graph', name: GRAPH_NAME_BY_CLOUD['us-gov'], cloud: 'us-gov' },
  'https://dod-graph.microsoft.us': { kind: 'graph', name: GRAPH_NAME_BY_CLOUD['us-dod'], cloud: 'us-dod' },
  'https://microsoftgraph.chinacloudapi.cn': { kind: 'graph', name: GRAPH_NAME_BY_CLOUD.china, cloud: 'china' },
  [AAD_GRAPH_APP_ID]: { kind: 'aad-graph', name: 'Azure AD Graph (retired)' },
  'https://graph.windows.net': { kind: 'aad-graph', name: 'Azure AD Graph (retired)', cloud: 'global' },
  'https://graph.microsoftazure.us': { kind: 'aad-graph', name: 'Azure AD Graph (retired, US Gov)', cloud: 'us-gov' },
  'https://graph.chinacloudapi.cn': { kind: 'aad-graph', name: 'Azure AD Graph (retired, China)', cloud: 'china' },
  [EXCHANGE_APP_ID]: { kind: 'exchange', name: 'Office 365 Exchange Online (Outlook REST, EWS)' },
  'https://outlook.office.com': { kind: 'exchange', name: 'Office 365 Exchange Online (Outlook REST)', cloud: 'global' },
  'https://outlook.office365.com': { kind: 'exchange', name: 'Office 365 Exchange Online (Outlook REST, EWS)', cloud: 'global' },
  'https://outlook.office365.us': { kind: 'exchange', name: 'Office 365 Exchange Online (US Gov)', cloud: 'us-gov' },
  [SHAREPOINT_APP_ID]: { kind: 'sharepoint', name: 'Office 365 SharePoint Online' },
  '797f4846-ba00-4fd7-ba43-dac1f8f63013': { kind: 'other', name: 'Azure Resource Manager' },
  'https://management.azure.com': { kind: 'other', name: 'Azure Resource Manager' },
  'https://management.core.windows.net': { kind: 'other', name: 'Azure Service Management (Azure Resource Manager)' },
  'https://management.usgovcloudapi.net': { kind: 'other', name: 'Azure Resource Manager (US Gov)' },
  'https://management.chinacloudapi.cn': { kind: 'other', name: 'Azure Resource Manager (China)' },
  'cfa8b339-82a2-471a-a3c9-0fc0be7a4093': { kind: 'other', name: 'Azure Key Vault' },
  'https://vault.azure.net': { kind: 'other', name: 'Azure Key Vault' },
  'e406a681-f3d4-42a8-90b6-c2b029497af1': { kind: 'other', name: 'Azure Storage' },
  'https://storage.azure.com': { kind: 'other', name: 'Azure Storage' },
  'https://database.windows.net': { kind: 'other', name: 'Azure SQL Database' },
  'https://api.loganalytics.io': { kind: 'other', name: 'Azure Log Analytics' },
  'https://monitor.azure.com': { kind: 'other', name: 'Azure Monitor' },
  'https://cognitiveservices.azure.com': { kind: 'other', name: 'Azure AI services' },
  '499b84ac-1321-427f-aa17-267ca6975798': { kind: 'other', name: 'Azure DevOps' },
  '00000009-0000-0000-c000-000000000000': { kind: 'other', name: 'Power BI Service' },
  'https://analysis.windows.net/powerbi/api': { kind: 'other', name: 'Power BI Service' },
  'https://manage.office.com': { kind: 'other', name: 'Office 365 Management APIs' },
  'https://api.spaces.skype.com': { kind: 'other', name: 'Microsoft Teams services (Skype)' },
  'https://api.securitycenter.microsoft.com': { kind: 'other', name: 'Microsoft Defender for Endpoint API' },
  'https://api.security.microsoft.com': { kind: 'other', name: 'Microsoft Defender XDR API' },
}

/** Host suffixes of resources matched by pattern: SharePoint tenants, Dataverse environments. */
export const AUDIENCE_HOST_SUFFIXES: readonly (KnownAudience & { readonly suffix: string })[] = [
  { suffix: '.sharepoint.com', kind: 'sharepoint', name: 'SharePoint Online', cloud: 'global' },
  { suffix: '.sharepoint.us', kind: 'sharepoint', name: 'SharePoint Online (US Gov)', cloud: 'us-gov' },
  { suffix: '.sharepoint.cn', kind: 'sharepoint', name: 'SharePoint Online (China)', cloud: 'china' },
  { suffix: '.dynamics.com', kind: 'other', name: 'Dataverse (Dynamics 365)' },
]

/** Cloud of an issuer host (`iss`): v1 `sts.*`, v2 `login.*`. US Gov L4 and L5 share one host. */
export const CLOUD_BY_ISSUER_HOST: Readonly<Record<string, Cloud | 'us-gov-or-dod'>> = {
  'sts.windows.net': 'global',
  'login.microsoftonline.com': 'global',
  'login.windows.net': 'global',
  'login.microsoftonline.us': 'us-gov-or-dod',
  'login.usgovcloudapi.net': 'us-gov-or-dod',
  'sts.chinacloudapi.cn': 'china',
  'login.chinacloudapi.cn': 'china',
  'login.partner.microsoftonline.cn': 'china',
}

export { GRAPH_APP_ID }

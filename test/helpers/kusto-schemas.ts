/**
 * The Log Analytics table schemas the generated KQL is checked against, from Microsoft's table
 * references (Azure Monitor Logs reference, "Columns"): MicrosoftGraphActivityLogs
 * (MicrosoftDocs/azure-monitor-docs articles/azure-monitor/reference/tables/microsoftgraphactivitylogs.md),
 * SigninLogs (MicrosoftDocs/azure-reference-other azure-monitor-ref/tables/includes/signinlogs-include.md),
 * AADNonInteractiveUserSignInLogs (azure-monitor-docs …/tables/aadnoninteractiveusersigninlogs.md) and
 * AADServicePrincipalSignInLogs (the same reference, as listed by the Sentinel tables index).
 */

const MICROSOFT_GRAPH_ACTIVITY_LOGS = `AadTenantId:string, ApiVersion:string, AppId:string, ATContent:string, ATContentH:string,
ATContentP:string, _BilledSize:real, ClientAuthMethod:int, ClientRequestId:string, DeviceId:string, DurationMs:int,
IdentityProvider:string, IPAddress:string, _IsBillable:string, Location:string, OperationId:string, RequestId:string,
RequestMethod:string, RequestUri:string, ResponseSizeBytes:int, ResponseStatusCode:int, Roles:string, Scopes:string,
ServicePrincipalId:string, SessionId:string, SignInActivityId:string, SourceSystem:string, TenantId:string,
TimeGenerated:datetime, TokenIssuedAt:datetime, Type:string, UniqueTokenId:string, UserAgent:string, UserId:string, Wids:string`

const SIGNIN_LOGS = `AADTenantId:string, AlternateSignInName:string, AppDisplayName:string, AppId:string,
AppliedConditionalAccessPolicies:string, AppliedEventListeners:dynamic, AuthenticationContextClassReferences:string,
AuthenticationDetails:string, AuthenticationMethodsUsed:string, AuthenticationProcessingDetails:string,
AuthenticationProtocol:string, AuthenticationRequirement:string, AuthenticationRequirementPolicies:string,
AutonomousSystemNumber:string, _BilledSize:real, Category:string, ClientAppUsed:string, ConditionalAccessPolicies:dynamic,
ConditionalAccessStatus:string, CorrelationId:string, CreatedDateTime:datetime, CrossTenantAccessType:string,
DeviceDetail:dynamic, DurationMs:long, FlaggedForReview:bool, HomeTenantId:string, Id:string, Identity:string,
IPAddress:string, IPAddressFromResourceProvider:string, _IsBillable:string, IsInteractive:bool, IsRisky:bool, Level:string,
Location:string, LocationDetails:dynamic, MfaDetail:dynamic, NetworkLocationDetails:string, OperationName:string,
OperationVersion:string, OriginalRequestId:string, ProcessingTimeInMilliseconds:string, Resource:string,
ResourceDisplayName:string, ResourceGroup:string, ResourceId:string, ResourceIdentity:string, ResourceProvider:string,
ResourceServicePrincipalId:string, ResourceTenantId:string, ResultDescription:string, ResultSignature:string,
ResultType:string, RiskDetail:string, RiskEventTypes:string, RiskEventTypes_V2:string, RiskLevel:string,
RiskLevelAggregated:string, RiskLevelDuringSignIn:string, RiskState:string, ServicePrincipalId:string,
ServicePrincipalName:string, SessionLifetimePolicies:string, SignInIdentifier:string, SignInIdentifierType:string,
SourceSystem:string, Status:dynamic, TimeGenerated:datetime, TokenIssuerName:string, TokenIssuerType:string, Type:string,
UniqueTokenIdentifier:string, UserAgent:string, UserDisplayName:string, UserId:string, UserPrincipalName:string, UserType:string`

const AAD_NON_INTERACTIVE_USER_SIGNIN_LOGS = `AADTenantId:string, Agent:string, AlternateSignInName:string, AppDisplayName:string,
AppId:string, AppliedEventListeners:dynamic, AppOwnerTenantId:string, AuthenticationContextClassReferences:string,
AuthenticationDetails:string, AuthenticationMethodsUsed:string, AuthenticationProcessingDetails:string,
AuthenticationProtocol:string, AuthenticationRequirement:string, AuthenticationRequirementPolicies:string,
AuthenticatorAppLocation:string, AutonomousSystemNumber:string, _BilledSize:real, Category:string, ClientAppUsed:string,
ClientCredentialType:string, ClientSessionId:string, ConditionalAccessAudiences:string, ConditionalAccessPolicies:string,
ConditionalAccessStatus:string, CorrelationId:string, CreatedDateTime:datetime, CrossTenantAccessType:string,
DeviceDetail:string, DurationMs:long, FederatedCredentialId:string, GlobalSecureAccessIpAddress:string,
HomeTenantId:string, HomeTenantName:string, Id:string, Identity:string, IncomingTokenType:string, IPAddress:string,
_IsBillable:string, IsInteractive:bool, IsRisky:bool, IsTenantRestricted:bool, IsThroughGlobalSecureAccess:bool,
Level:string, Location:string, LocationDetails:string, MfaDetail:string, NetworkLocationDetails:string,
OperationName:string, OperationVersion:string, OriginalRequestId:string, OriginalTransferMethod:string,
ProcessingTimeInMs:string, ResourceDisplayName:string, ResourceGroup:string, ResourceIdentity:string,
ResourceOwnerTenantId:string, ResourceServicePrincipalId:string, ResourceTenantId:string, ResultDescription:string,
ResultSignature:string, ResultType:string, RiskDetail:string, RiskEventTypes:string, RiskEventTypes_V2:string,
RiskLevelAggregated:string, RiskLevelDuringSignIn:string, RiskState:string, ServicePrincipalId:string, SessionId:string,
SessionLifetimePolicies:string, SignInEventTypes:string, SignInIdentifierType:string, SourceSystem:string, Status:string,
TenantId:string, TimeGenerated:datetime, TokenIssuerName:string, TokenIssuerType:string,
TokenProtectionStatusDetails:string, Type:string, UniqueTokenIdentifier:string, UserAgent:string, UserDisplayName:string,
UserId:string, UserPrincipalName:string, UserType:string`

const AAD_SERVICE_PRINCIPAL_SIGNIN_LOGS = `_BilledSize:real, _IsBillable:string, AADTenantId:string, Agent:string, AppId:string,
AppOwnerTenantId:string, AuthenticationContextClassReferences:string, AuthenticationProcessingDetails:string,
AutonomousSystemNumber:string, Category:string, ClientCredentialType:string, ConditionalAccessAudiences:string,
ConditionalAccessPolicies:string, ConditionalAccessStatus:string, CorrelationId:string, CreatedDateTime:datetime,
DurationMs:long, FederatedCredentialId:string, Id:string, Identity:string, IPAddress:string, Level:string,
Location:string, LocationDetails:string, NetworkLocationDetails:string, OperationName:string, OperationVersion:string,
ResourceDisplayName:string, ResourceGroup:string, ResourceIdentity:string, ResourceOwnerTenantId:string,
ResourceServicePrincipalId:string, ResultDescription:string, ResultSignature:string, ResultType:string,
ServicePrincipalCredentialKeyId:string, ServicePrincipalCredentialThumbprint:string, ServicePrincipalId:string,
ServicePrincipalName:string, SessionId:string, SourceSystem:string, TenantId:string, TimeGenerated:datetime, Type:string,
UniqueTokenIdentifier:string, UserAgent:string`

/** Table name → Kusto schema text `(name:type, …)`. */
export const TABLE_SCHEMAS: Readonly<Record<string, string>> = {
  MicrosoftGraphActivityLogs: MICROSOFT_GRAPH_ACTIVITY_LOGS,
  SigninLogs: SIGNIN_LOGS,
  AADNonInteractiveUserSignInLogs: AAD_NON_INTERACTIVE_USER_SIGNIN_LOGS,
  AADServicePrincipalSignInLogs: AAD_SERVICE_PRINCIPAL_SIGNIN_LOGS,
}

/** The column names of a table's schema. */
export function schemaColumns(table: string): string[] {
  const schema = TABLE_SCHEMAS[table] ?? ''
  return schema.split(',').map((part) => part.trim().split(':')[0] ?? '').filter((name) => name !== '')
}

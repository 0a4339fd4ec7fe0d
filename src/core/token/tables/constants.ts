/** App id of Microsoft Graph: the GUID audience of Graph tokens in every cloud. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'

/** Tenant id of personal Microsoft accounts (the `consumers` tenant). */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad'

/** App id of the retired Azure AD Graph. */
export const AAD_GRAPH_APP_ID = '00000002-0000-0000-c000-000000000000'

/** App id of Office 365 Exchange Online (Outlook REST, EWS). */
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000'

/** App id of Office 365 SharePoint Online. */
export const SHAREPOINT_APP_ID = '00000003-0000-0ff1-ce00-000000000000'

/** Template id found in `wids` of every member user: not an admin role. */
export const DEFAULT_MEMBER_ROLE_ID = 'b79fbf4d-3ef9-4689-8143-76b194e85509'

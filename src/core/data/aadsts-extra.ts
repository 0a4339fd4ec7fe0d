/**
 * AADSTS codes that are not on Microsoft's reference page (`data/aadsts-codes.tsv` follows one
 * commit of it) but come back in real responses. Microsoft gives these no symbolic names; the
 * categories are ours, and each row says where the code was seen.
 */
import type { AadstsCodeRow } from './aadsts-codes.js'

/** Codes known to graph-doctor beyond the TSV, sorted by code. */
export const aadstsExtraRows: readonly AadstsCodeRow[] = [
  // "No reply address is registered for the application" (Microsoft Q&A answer 183761).
  [500113, '', 'configuration'],
  // "User account '…' is a personal Microsoft account …" (railsgirls/guides.railsgirls.com#521).
  [500200, '', 'tenant'],
  // "Your device is required to be managed to access this resource" (az login output quoted in
  // MicrosoftDocs' Azure IoT Operations known-issues page and many public scripts).
  [530003, '', 'conditional-access'],
  // A client assertion outside its valid time range (client-credential failures with a skewed clock).
  [700024, '', 'token'],
  // "Administrator consent is required": reported by sign-in logs and asked about in
  // MicrosoftDocs/azure-docs#23287 ("Please document error 900941"); not on the reference page.
  [900941, '', 'consent'],
  // "The provided value for scope … is not valid. Client credential flows must have a scope value
  // with /.default suffixed to the resource identifier" (quoted in public MSAL.NET and Graph SDK code).
  [1002012, '', 'configuration'],
  // "You are using TLS version 1.0, 1.1 and/or 3DES cipher which are deprecated …" (MicrosoftDocs/azure-docs#96851,
  // AzureAD/microsoft-authentication-library-for-objc#1527).
  [1002016, '', 'configuration'],
  // "Misconfigured required resource access in client application registration" (the /adminconsent
  // redirect of an app with no API permissions, quoted in public deployment scripts).
  [1003031, '', 'configuration'],
  // "The client application … is missing service principal in the tenant" (learn.microsoft.com,
  // Teams SDK authentication troubleshooting).
  [7000229, '', 'tenant'],
  // "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type"
  // (MSAL.js in a browser redeeming a code for a redirect URI registered under Web).
  [9002326, '', 'configuration'],
]

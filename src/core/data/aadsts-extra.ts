/**
 * AADSTS codes that are not in `data/aadsts-codes.tsv` (the TSV follows one commit of Microsoft's
 * reference page) but are seen in real responses or were added to the page later. Microsoft gives
 * these no symbolic names; the categories are ours.
 */
import type { AadstsCodeRow } from './aadsts-codes.js'

/** Codes known to graph-doctor beyond the TSV, sorted by code. */
export const aadstsExtraRows: readonly AadstsCodeRow[] = [
  [50130, '', 'configuration'],
  [50137, '', 'credentials'],
  [50138, '', 'other'],
  [500200, '', 'tenant'],
  [700024, '', 'token'],
]

/**
 * The columns of a group row (the contract between the pre-aggregations and `graph-doctor logs`): the
 * Log Analytics column names of the source table plus the weight columns.
 */

/** What a group row of Graph activity logs is grouped by (`RequestUri` holds the path shape). */
export const ACTIVITY_GROUP_COLUMNS = ['AppId', 'ServicePrincipalId', 'RequestMethod', 'RequestUri', 'ResponseStatusCode', 'Roles', 'Scopes', 'Wids'] as const

/** What a group row of sign-in logs is grouped by (`Type` is the source table). */
export const SIGNIN_GROUP_COLUMNS = [
  'Type',
  'AppId',
  'AppDisplayName',
  'ServicePrincipalId',
  'ResourceIdentity',
  'ResourceDisplayName',
  'ResultType',
  'ResultDescription',
  'ConditionalAccessStatus',
] as const

/** How many records a group stands for, when it was first and last seen, and one record's id. */
export const WEIGHT_COLUMNS = ['Count', 'FirstSeen', 'LastSeen', 'SampleRequestId'] as const

export type ActivityGroupColumn = (typeof ACTIVITY_GROUP_COLUMNS)[number]
export type SigninGroupColumn = (typeof SIGNIN_GROUP_COLUMNS)[number]

/** The HTTP statuses an activity pre-aggregation keeps beside the successes: the failures graph-doctor explains. */
export const DIAGNOSED_FAILURE_STATUSES: readonly number[] = [400, 401, 403]

/** Which records a pre-aggregation reads. */
export type LogKind = 'activity' | 'signins'

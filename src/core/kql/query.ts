/**
 * The KQL that `graph-doctor kql` prints: the heavy part of a tenant-scale log analysis run server-side
 * (Log Analytics, Azure Data Explorer, Sentinel), whose exported result `graph-doctor logs` reads as
 * group rows. Pure: the web page can show it too.
 */
import { GraphDoctorError } from '../errors.js'
import { ACTIVITY_GROUP_COLUMNS, DIAGNOSED_FAILURE_STATUSES, SIGNIN_GROUP_COLUMNS, WEIGHT_COLUMNS, type LogKind } from './columns.js'
import { PATH_SHAPE_STEPS } from './path-shape.js'

/** The tables (and the `signins` union of the three sign-in tables) a query can read. */
export const KQL_TABLES = ['MicrosoftGraphActivityLogs', 'signins', 'SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs'] as const
export type KqlTable = (typeof KQL_TABLES)[number]

/** The sign-in tables that `signins` unites. */
export const SIGNIN_TABLES: readonly KqlTable[] = ['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs']

export interface KqlOptions {
  readonly table: KqlTable
  /** A Kusto timespan such as `7d`, `24h` or `90m`: how far back the query looks. */
  readonly since: string
}

/** A generated query and what its result holds. */
export interface KqlQuery {
  readonly table: KqlTable
  readonly kind: LogKind
  readonly since: string
  readonly text: string
  /** The result's columns, in order. */
  readonly columns: readonly string[]
}

const SINCE = /^[1-9][0-9]{0,4}[dhm]$/

/** Whether a name is one of {@link KQL_TABLES} (case-insensitive input is resolved by {@link resolveKqlTable}). */
export function resolveKqlTable(name: string): KqlTable | undefined {
  const lower = name.toLowerCase()
  if (lower === 'activity' || lower === 'graph') return 'MicrosoftGraphActivityLogs'
  return KQL_TABLES.find((table) => table.toLowerCase() === lower)
}

/** A Kusto string literal (verbatim, so regex backslashes stay as written). */
export function kqlString(text: string): string {
  return `@"${text.replaceAll('"', '""')}"`
}

function shapeLines(source: string, target: string): string[] {
  return PATH_SHAPE_STEPS.map((step, index) => {
    const input = index === 0 ? source : target
    return `| extend ${target} = replace_regex(${input}, ${kqlString(step.pattern)}, ${kqlString(step.replacement)})`
  })
}

const WEIGHTS = (idColumn: string): string =>
  `Count = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), SampleRequestId = take_any(${idColumn})`

function activityQuery(since: string): string[] {
  const by = ACTIVITY_GROUP_COLUMNS.map((column) => (column === 'RequestUri' ? 'RequestUri = PathShape' : column))
  return [
    `// graph-doctor: Microsoft Graph calls of the last ${since}, successes and ${DIAGNOSED_FAILURE_STATUSES.join('/')} failures,`,
    '// grouped by app, method, path shape ({id} for ids), status and token claims.',
    '// Export the result as CSV or JSON and run: graph-doctor logs RESULT.csv',
    'MicrosoftGraphActivityLogs',
    `| where TimeGenerated > ago(${since})`,
    `| where ResponseStatusCode between (200 .. 399) or ResponseStatusCode in (${DIAGNOSED_FAILURE_STATUSES.join(', ')})`,
    ...shapeLines('RequestUri', 'PathShape'),
    `| summarize ${WEIGHTS('RequestId')}`,
    `    by ${by.join(', ')}`,
    `| project ${[...ACTIVITY_GROUP_COLUMNS, ...WEIGHT_COLUMNS].join(', ')}`,
    '| order by Count desc',
  ]
}

/** AADServicePrincipalSignInLogs names the app in ServicePrincipalName and has no AppDisplayName. */
function displayNameLines(table: KqlTable): string[] {
  if (table === 'AADServicePrincipalSignInLogs') return ['| extend AppDisplayName = ServicePrincipalName']
  if (table === 'signins') return ['| extend AppDisplayName = iff(isempty(AppDisplayName), ServicePrincipalName, AppDisplayName)']
  return []
}

function signinQuery(table: KqlTable, since: string): string[] {
  const source = table === 'signins' ? `union ${SIGNIN_TABLES.join(', ')}` : table
  return [
    `// graph-doctor: failed sign-ins (AADSTS codes) of the last ${since} in ${table === 'signins' ? SIGNIN_TABLES.join(', ') : table},`,
    '// grouped by app, resource, result code and Conditional Access status.',
    '// Export the result as CSV or JSON and run: graph-doctor logs RESULT.csv',
    source,
    `| where TimeGenerated > ago(${since})`,
    '| where ResultType != "0"',
    ...displayNameLines(table),
    `| summarize ${WEIGHTS('Id')}`,
    `    by ${SIGNIN_GROUP_COLUMNS.join(', ')}`,
    `| project ${[...SIGNIN_GROUP_COLUMNS, ...WEIGHT_COLUMNS].join(', ')}`,
    '| order by Count desc',
  ]
}

/**
 * The KQL pre-aggregation for one table.
 *
 * @example
 * buildKqlQuery({ table: 'MicrosoftGraphActivityLogs', since: '7d' }).text
 */
export function buildKqlQuery(options: KqlOptions): KqlQuery {
  if (!SINCE.test(options.since)) {
    throw new GraphDoctorError('ERR_INVALID_OPTION', 'kql: --since takes a number and d, h or m (7d, 24h, 90m)')
  }
  const kind: LogKind = options.table === 'MicrosoftGraphActivityLogs' ? 'activity' : 'signins'
  const lines = kind === 'activity' ? activityQuery(options.since) : signinQuery(options.table, options.since)
  const groups = kind === 'activity' ? ACTIVITY_GROUP_COLUMNS : SIGNIN_GROUP_COLUMNS
  return { table: options.table, kind, since: options.since, text: `${lines.join('\n')}\n`, columns: [...groups, ...WEIGHT_COLUMNS] }
}

/**
 * The DuckDB SQL of the local pre-aggregation (`graph-doctor logs --engine duckdb`): the same filter,
 * path shape and grouping as the KQL of query.ts, over JSONL, CSV or Parquet exports. Pure strings;
 * the engine that runs it lives in src/cli/logs-engines/duckdb.ts.
 */
import { GraphDoctorError } from '../errors.js'
import { ACTIVITY_GROUP_COLUMNS, DIAGNOSED_FAILURE_STATUSES, SIGNIN_GROUP_COLUMNS, type LogKind } from './columns.js'
import { PATH_SHAPE_STEPS } from './path-shape.js'

export type DuckdbFileFormat = 'json' | 'csv' | 'parquet'

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** A SQL identifier. */
function sqlName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** The format of an export by its name (`.gz` is read transparently): Parquet, CSV, else JSON (lines or array). */
export function duckdbFileFormat(path: string): DuckdbFileFormat {
  const name = path.toLowerCase().replace(/\.gz$/, '')
  if (name.endsWith('.parquet')) return 'parquet'
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv'
  return 'json'
}

/**
 * The table function that reads these files (all of one format). With `columns` (JSON only), just
 * those columns are read, as text: much faster than inferring every column's type.
 */
export function duckdbReader(paths: readonly string[], format: DuckdbFileFormat, columns?: readonly string[]): string {
  const list = `[${paths.map(sqlString).join(', ')}]`
  if (format === 'parquet') return `read_parquet(${list}, union_by_name = true)`
  if (format === 'csv') return `read_csv(${list}, header = true, union_by_name = true, all_varchar = true)`
  const options = "format = 'auto', maximum_object_size = 67108864"
  if (columns === undefined) return `read_json(${list}, ${options}, union_by_name = true)`
  return `read_json(${list}, ${options}, columns = {${columns.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(', ')}})`
}

/** The columns a pre-aggregation of this kind reads (those an export has). */
export function duckdbNeededColumns(kind: LogKind, available: ReadonlySet<string>): string[] {
  const columns = kind === 'activity' ? [...ACTIVITY_GROUP_COLUMNS, 'RequestId'] : [...SIGNIN_GROUP_COLUMNS, 'ServicePrincipalName', 'Id']
  return [...columns, 'TimeGenerated'].filter((name) => available.has(name))
}

/** The records of diagnostic-settings envelopes (`{"records":[…]}` per line, storage accounts and Event Hubs), one row per activity record, with the properties' camelCase columns and `envelopeTime`. */
export function envelopeRecords(reader: string): string {
  return `(SELECT unnest(r.properties), r."time" AS "envelopeTime" FROM (SELECT unnest("records") AS r FROM ${reader}) WHERE r.category = 'MicrosoftGraphActivityLogs')`
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1)

/**
 * The envelope's records under Log Analytics column names (`requestUri` → `RequestUri`), for the
 * columns a pre-aggregation reads; `TimeGenerated` falls back to the envelope's `time`.
 */
export function envelopeSource(records: string, camelColumns: ReadonlySet<string>): { reader: string; columns: Set<string> } {
  const wanted = [...ACTIVITY_GROUP_COLUMNS, 'RequestId', 'TimeGenerated'].filter((name) => camelColumns.has(lowerFirst(name)) || name === 'TimeGenerated')
  const select = wanted.map((name) => {
    if (name === 'TimeGenerated') return camelColumns.has('timeGenerated') ? `coalesce("timeGenerated", "envelopeTime") AS "TimeGenerated"` : `"envelopeTime" AS "TimeGenerated"`
    return `${sqlName(lowerFirst(name))} AS ${sqlName(name)}`
  })
  return { reader: `(SELECT ${select.join(', ')} FROM ${records})`, columns: new Set(wanted) }
}

/** Which kind of log the columns hold, or undefined. */
export function duckdbLogKind(columns: ReadonlySet<string>): LogKind | undefined {
  if (columns.has('RequestUri') && columns.has('ResponseStatusCode')) return 'activity'
  if (columns.has('ResultType')) return 'signins'
  return undefined
}

function text(column: string, columns: ReadonlySet<string>): string {
  return columns.has(column) ? `coalesce(CAST(${sqlName(column)} AS VARCHAR), '')` : `''`
}

/** The path-shape steps of path-shape.ts as nested regexp_replace calls (RE2, like Kusto's replace_regex). */
export function pathShapeSql(input: string): string {
  return PATH_SHAPE_STEPS.reduce((inner, step) => `regexp_replace(${inner}, ${sqlString(step.pattern)}, ${sqlString(step.replacement)}, 'g')`, input)
}

function weights(idColumn: string, columns: ReadonlySet<string>): string {
  const time = columns.has('TimeGenerated') ? sqlName('TimeGenerated') : 'NULL'
  return `CAST(count(*) AS INTEGER) AS "Count", min(${time}) AS "FirstSeen", max(${time}) AS "LastSeen", any_value(${text(idColumn, columns)}) AS "SampleRequestId"`
}

function activitySql(reader: string, columns: ReadonlySet<string>): string {
  const status = 'TRY_CAST("ResponseStatusCode" AS INTEGER)'
  const select = ACTIVITY_GROUP_COLUMNS.map((column) => {
    if (column === 'RequestUri') return `${pathShapeSql(text('RequestUri', columns))} AS "RequestUri"`
    if (column === 'ResponseStatusCode') return `${status} AS "ResponseStatusCode"`
    return `${text(column, columns)} AS ${sqlName(column)}`
  })
  return [
    `SELECT ${select.join(', ')}, ${weights('RequestId', columns)}`,
    `FROM ${reader}`,
    `WHERE ${status} BETWEEN 200 AND 399 OR ${status} IN (${DIAGNOSED_FAILURE_STATUSES.join(', ')})`,
    `GROUP BY ${ACTIVITY_GROUP_COLUMNS.map((_, index) => String(index + 1)).join(', ')}`,
  ].join('\n')
}

function signinSql(reader: string, columns: ReadonlySet<string>): string {
  const select = SIGNIN_GROUP_COLUMNS.map((column) => {
    if (column === 'AppDisplayName' && !columns.has('AppDisplayName')) return `${text('ServicePrincipalName', columns)} AS "AppDisplayName"`
    return `${text(column, columns)} AS ${sqlName(column)}`
  })
  return [
    `SELECT ${select.join(', ')}, ${weights('Id', columns)}`,
    `FROM ${reader}`,
    `WHERE ${text('ResultType', columns)} NOT IN ('0', '')`,
    `GROUP BY ${SIGNIN_GROUP_COLUMNS.map((_, index) => String(index + 1)).join(', ')}`,
  ].join('\n')
}

/**
 * The pre-aggregation of one kind over a reader whose columns are known (columns the export lacks
 * read as empty). Throws `ERR_INPUT_FORMAT` when the columns are not those of the kind.
 */
export function buildDuckdbQuery(kind: LogKind, reader: string, columns: ReadonlySet<string>): string {
  if (duckdbLogKind(columns) === undefined) {
    throw new GraphDoctorError('ERR_INPUT_FORMAT', 'duckdb engine: no RequestUri and ResponseStatusCode (activity logs) or ResultType (sign-in logs) column')
  }
  return kind === 'activity' ? activitySql(reader, columns) : signinSql(reader, columns)
}

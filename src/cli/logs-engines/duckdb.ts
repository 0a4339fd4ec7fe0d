/**
 * `graph-doctor logs --engine duckdb`: the pre-aggregation of src/core/kql/sql.ts run by DuckDB over
 * large local JSONL, CSV or Parquet exports (and diagnostic-settings envelopes), yielding group rows (the contract's column names) for the
 * logs report. `@duckdb/node-api` is an optional dependency, loaded only here and only when asked for.
 */
import type { DuckDBConnection } from '@duckdb/node-api'
import { GraphDoctorError } from '../../core/errors.js'
import type { LogKind } from '../../core/kql/columns.js'
import { buildDuckdbQuery, duckdbFileFormat, duckdbLogKind, duckdbNeededColumns, duckdbReader, envelopeRecords, envelopeSource, type DuckdbFileFormat } from '../../core/kql/sql.js'

/** A group row: Log Analytics column names plus Count, FirstSeen, LastSeen and SampleRequestId. */
export type GroupRow = Record<string, string | number | null>

type DuckdbModule = typeof import('@duckdb/node-api')

export interface DuckdbEngineOptions {
  /** Which logs the files hold; by default read from their columns. */
  readonly kind?: LogKind
  /** DuckDB's worker threads (default: one per core). */
  readonly threads?: number
  /** How to load `@duckdb/node-api` (tests replace it). */
  readonly load?: () => Promise<DuckdbModule>
}

/** The one-line message when the optional package is not installed. */
export const DUCKDB_MISSING = '--engine duckdb needs the optional package @duckdb/node-api: npm install @duckdb/node-api'

async function loadDuckdb(load: () => Promise<DuckdbModule>): Promise<DuckdbModule> {
  try {
    return await load()
  } catch (error) {
    throw new GraphDoctorError('ERR_USAGE', DUCKDB_MISSING, { cause: error })
  }
}

async function columnsOf(connection: DuckDBConnection, reader: string): Promise<Set<string>> {
  const result = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`)
  return new Set(result.getRowObjectsJS().map((row) => String(row['column_name'])))
}

function plain(value: unknown): string | number | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return Number(value)
  return typeof value === 'number' ? value : String(value)
}

function byFormat(files: readonly string[]): Map<DuckdbFileFormat, string[]> {
  const groups = new Map<DuckdbFileFormat, string[]>()
  for (const file of files) groups.set(duckdbFileFormat(file), [...(groups.get(duckdbFileFormat(file)) ?? []), file])
  return groups
}

interface Source {
  readonly kind: LogKind
  readonly reader: string
  readonly columns: ReadonlySet<string>
}

/** The reader, its columns and the kind of logs; diagnostic-settings envelopes are unnested to their activity records. */
async function sourceOf(connection: DuckDBConnection, files: readonly string[], format: DuckdbFileFormat, kind: LogKind | undefined): Promise<Source> {
  const reader = duckdbReader(files, format)
  const columns = await columnsOf(connection, reader)
  const detected = duckdbLogKind(columns)
  if (detected === undefined) {
    if (!columns.has('records')) return { kind: kind ?? 'activity', reader, columns }
    const records = envelopeRecords(reader)
    return { kind: 'activity', ...envelopeSource(records, await columnsOf(connection, records)) }
  }
  const found = kind ?? detected
  // JSON: read again with only the needed columns, as text (type inference of every column is the slow part).
  return { kind: found, columns, reader: format === 'json' ? duckdbReader(files, format, duckdbNeededColumns(found, columns)) : reader }
}

async function* groupsOf(connection: DuckDBConnection, files: readonly string[], format: DuckdbFileFormat, kind: LogKind | undefined): AsyncGenerator<GroupRow> {
  const source = await sourceOf(connection, files, format, kind)
  const sql = buildDuckdbQuery(source.kind, source.reader, source.columns)
  const result = await connection.stream(sql)
  for await (const rows of result.yieldRowObjectJs()) {
    for (const row of rows) yield Object.fromEntries(Object.entries(row).map(([name, value]) => [name, plain(value)]))
  }
}

/**
 * The group rows of local exports, pre-aggregated by DuckDB: one row per app, method, path shape,
 * status and claims (activity logs) or per app, resource and result code (sign-ins). Files of one
 * format are read together; an unreadable file is a `GraphDoctorError` naming DuckDB's reason.
 */
export async function* duckdbGroupRows(files: readonly string[], options: DuckdbEngineOptions = {}): AsyncGenerator<GroupRow> {
  const duckdb = await loadDuckdb(options.load ?? (() => import('@duckdb/node-api')))
  const threads = options.threads === undefined ? {} : { threads: String(options.threads) }
  const instance = await duckdb.DuckDBInstance.create(':memory:', threads)
  const connection = await instance.connect()
  try {
    for (const [format, group] of byFormat(files)) {
      try {
        yield* groupsOf(connection, group, format, options.kind)
      } catch (error) {
        if (error instanceof GraphDoctorError) throw error
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
        throw new GraphDoctorError('ERR_INPUT_UNREADABLE', `duckdb engine: ${group.join(', ')}: ${reason}`, { cause: error })
      }
    }
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

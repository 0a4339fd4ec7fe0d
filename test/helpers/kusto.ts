/**
 * The official Kusto language service (`@kusto/language-service-next`, a Bridge.NET build that defines
 * globals) loaded once, with the table schemas of kusto-schemas.ts as one database.
 */
import { createRequire } from 'node:module'
import { TABLE_SCHEMAS } from './kusto-schemas.js'

export interface KustoDiagnostic {
  readonly severity: string
  readonly message: string
  readonly start: number
}

interface KustoGlobals {
  Kusto: { Language: any }
  Bridge: { toArray<T>(list: unknown): T[] }
}

let globals: unknown

function globalState(): unknown {
  if (globals !== undefined) return globals
  const require = createRequire(import.meta.url)
  require('@kusto/language-service-next/bridge')
  require('@kusto/language-service-next')
  const { Kusto } = globalThis as unknown as KustoGlobals
  const symbols = Kusto.Language.Symbols
  const tables = Object.entries(TABLE_SCHEMAS).map(([name, schema]) => new symbols.TableSymbol.$ctor7(name, `(${schema.replace(/\s+/g, ' ')})`, null))
  globals = Kusto.Language.GlobalState.Default.WithDatabase(new symbols.DatabaseSymbol.ctor('LogAnalytics', tables))
  return globals
}

/** Every diagnostic (errors and warnings) of a query analysed against the table schemas. */
export function kustoDiagnostics(query: string): KustoDiagnostic[] {
  const state = globalState()
  const { Kusto, Bridge } = globalThis as unknown as KustoGlobals
  const code = Kusto.Language.KustoCode.ParseAndAnalyze(query, state)
  return Bridge.toArray<{ Severity: string; Message: string; Start: number }>(code.GetDiagnostics()).map((d) => ({ severity: d.Severity, message: d.Message, start: d.Start }))
}

/** The result columns of a query as the language service infers them. */
export function kustoResultColumns(query: string): string[] {
  const state = globalState()
  const { Kusto, Bridge } = globalThis as unknown as KustoGlobals
  const code = Kusto.Language.KustoCode.ParseAndAnalyze(query, state)
  const result = code.ResultType
  if (result === null || result === undefined || result.Columns === undefined) return []
  return Bridge.toArray<{ Name: string }>(result.Columns).map((column) => column.Name)
}

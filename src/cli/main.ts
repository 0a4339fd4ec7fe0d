#!/usr/bin/env node
/**
 * The `graph-doctor` bin: dispatches to `src/cli/commands/<name>.ts` by lazy import (bin/command-table.ts; start-up stays
 * lean), prints help and version, and turns errors into one line and exit code 2. The only
 * `process.exit` of the project. Every string it or a command writes passes through redactSecrets
 * here, at the boundary (redactingIo), whatever produced it.
 */
import { readFileSync } from 'node:fs'
import { isGraphDoctorError } from '../core/errors.js'
import { echoArgument, echoOption } from './echo.js'
import type { CliIo } from './command.js'
import { createProcessIo, redactingIo } from './io.js'
import { COMMANDS, loadCommand } from './bin/command-table.js'
import { commandHelp, isHelpFlag, mainHelp, wantsHelp } from './bin/main-help.js'
import { didYouMean } from './suggest.js'

/** Commands that keep serving while they write: their output must never wait for a slow reader. */
const SERVERS: ReadonlySet<string> = new Set(['proxy', 'web'])

/** A synchronous read: node:fs is loaded by Node's own start-up, node:fs/promises (streams, readline) is not. */
function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
  return (JSON.parse(text) as { version: string }).version
}

/** Run the CLI with `argv` (without node and the script) and return the exit code. */
async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined) {
    io.stderr(mainHelp(io))
    return 2
  }
  if (isHelpFlag(first)) {
    io.stdout(mainHelp(io))
    return 0
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${readVersion()}\n`)
    return 0
  }
  const name = first === 'help' ? rest[0] : first
  const info = name === undefined ? undefined : COMMANDS[name]
  if (first === 'help') {
    io.stdout(info === undefined || name === undefined ? mainHelp(io) : await commandHelp(name, info, io))
    return 0
  }
  if (info === undefined || name === undefined) {
    const what = first.startsWith('-') ? 'unknown option' : 'unknown command'
    const suggestion = didYouMean(first, what === 'unknown option' ? ['--help', '--version'] : [...Object.keys(COMMANDS), '--version'])
    io.stderr(`graph-doctor: ${what} ${what === 'unknown option' ? echoOption(first) : echoArgument(first)}${suggestion}; commands: ${Object.keys(COMMANDS).join(', ')} (graph-doctor --help for more)\n`)
    return 2
  }
  if (wantsHelp(rest)) {
    io.stdout(await commandHelp(name, info, io))
    return 0
  }
  return (await loadCommand(name)).run(rest, io)
}

/** The first line of a message (the io redacts it). */
function oneLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? ''
}

function reportError(error: unknown, io: CliIo): number {
  if (isGraphDoctorError(error)) {
    io.stderr(`graph-doctor: ${oneLine(error.message)}\n`)
    return 2
  }
  const message = error instanceof Error ? error.message : String(error)
  io.stderr(`graph-doctor: internal error: ${oneLine(message)} (this is a bug, please report it; GRAPH_DOCTOR_DEBUG=1 shows the stack)\n`)
  if (io.env['GRAPH_DOCTOR_DEBUG'] === '1' && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`)
  return 2
}


/** Node 22+ (`module.enableCompileCache` since 22.1; the bundle's `requireChunk` asks the same). */
function hasCompileCache(): boolean {
  return Number(process.versions.node.split('.')[0]) >= 22
}

async function main(): Promise<void> {
  // Node 22.1+ keeps compiled code of the command bundles on disk between runs (in the OS temporary
  // directory); Node 20 has no compile cache, and is spared loading node:module to find that out.
  if (hasCompileCache()) (process.getBuiltinModule('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  // the reader of stdout has gone (`graph-doctor diagnose big.har | head`): nothing more to say
  const processIo = createProcessIo(() => process.exit(0), !SERVERS.has(process.argv[2] ?? ''))
  const io = redactingIo(processIo.io)
  let code: number
  try {
    code = await runCli(process.argv.slice(2), io)
  } catch (error) {
    code = reportError(error, io)
  }
  processIo.flush(() => process.exit(code))
}

void main()

#!/usr/bin/env node
/**
 * The `graph-doctor` bin: dispatches to `src/cli/commands/<name>.ts` by lazy import (start-up stays
 * lean), prints help and version, and turns errors into one line and exit code 2. The only
 * `process.exit` of the project. Every string it or a command writes passes through redactSecrets
 * here, at the boundary (redactingIo), whatever produced it.
 */
import { readFileSync } from 'node:fs'
import { isGraphDoctorError } from '../core/errors.js'
import { echoArgument, echoOption } from './echo.js'
import type { CliIo, Command } from './command.js'
import { createProcessIo, outputColumns, redactingIo } from './io.js'
import { renderHelp, type HelpDoc } from '../render/layout/help.js'

/** Commands that keep serving while they write: their output must never wait for a slow reader. */
const SERVERS: ReadonlySet<string> = new Set(['proxy', 'web'])

interface CommandInfo {
  readonly usage: string
  readonly summary: string
}

const COMMANDS: Readonly<Record<string, CommandInfo>> = {
  diagnose: { usage: 'diagnose [FILE...] [options]', summary: 'explain failed Graph calls from a HAR, curl -v, raw HTTP or error body' },
  token: { usage: 'token <jwt|-> [options]', summary: 'decode and explain an access token (never verified, never printed)' },
  aadsts: { usage: 'aadsts <code|text>', summary: 'explain an AADSTS error code and its fix' },
  perms: { usage: 'perms <METHOD> <URL> [--token T]', summary: 'the permissions a Graph call accepts, least privileged first' },
  data: { usage: 'data update|status', summary: 'download or inspect the Microsoft Graph permission data' },
  proxy: { usage: 'proxy [--port N] [--upstream URL]', summary: 'a local Graph proxy that diagnoses failed calls as they happen' },
  kql: { usage: 'kql [--since 7d] [--table TABLE]', summary: 'print the KQL that pre-aggregates tenant logs in Log Analytics for graph-doctor logs' },
  logs: { usage: 'logs FILE... [options]', summary: 'every authorization failure in activity logs, sign-in logs and HARs, and a least-privilege audit per app' },
  merge: { usage: 'merge PARTIAL... [options]', summary: 'merge the partial aggregates of logs --partial into one report' },
  web: { usage: 'web [--port N] [--no-open]', summary: 'the web page on 127.0.0.1: paste or drop, diagnosed in the browser' },
}

const MAIN_HELP: HelpDoc = {
  usage: ['graph-doctor <command> [options]'],
  blocks: [
    {
      kind: 'text',
      text: 'Explains Microsoft Graph 401, 403 and 400 errors offline: the most likely cause, the evidence and the exact fix. Nothing leaves your machine; tokens are decoded, never verified, never printed.',
    },
    { kind: 'rows', title: 'Commands:', rows: Object.values(COMMANDS).map((info) => ({ term: info.usage, text: info.summary })) },
    {
      kind: 'rows',
      title: 'Options:',
      rows: [
        { term: '-h, --help', text: "show this help, or a command's help: graph-doctor <command> --help" },
        { term: '-v, --version', text: 'show the version' },
      ],
    },
    {
      kind: 'commands',
      title: 'Examples:',
      lines: [
        'graph-doctor diagnose capture.har',
        'graph-doctor diagnose --format markdown capture.har > diagnosis.md',
        'graph-doctor diagnose --url https://graph.microsoft.com/v1.0/me --status 403 --token "$TOKEN"',
        'pbpaste | graph-doctor token -',
        'graph-doctor aadsts AADSTS65001',
        'graph-doctor perms GET /users/{id}/messages',
        'graph-doctor proxy --port 8080',
        'graph-doctor kql --since 7d > graph-calls.kql',
        'graph-doctor web',
      ],
    },
    { kind: 'text', text: 'Exit codes: 0 no error findings, 1 error findings, 2 unusable input or usage.' },
    {
      kind: 'text',
      text: 'Environment: NO_COLOR (no colour), FORCE_COLOR (colour even when piped), COLUMNS (width of text output; default the terminal\'s, 80 through a pipe), GRAPH_DOCTOR_PERMISSIONS (permission data file), GRAPH_DOCTOR_CACHE_DIR (where graph-doctor data update stores it), GRAPH_DOCTOR_DEBUG=1 (stack traces for internal errors).',
    },
  ],
}

/** A synchronous read: node:fs is loaded by Node's own start-up, node:fs/promises (streams, readline) is not. */
function readVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
  return (JSON.parse(text) as { version: string }).version
}

interface CommandModule {
  readonly run: Command
  readonly help?: HelpDoc
}

/** Literal import paths (not a template): bundlers can then split each command into its own chunk. */
const COMMAND_LOADERS: Readonly<Record<string, () => Promise<Partial<CommandModule>>>> = {
  diagnose: () => import('./commands/diagnose.js'),
  token: () => import('./commands/token.js'),
  aadsts: () => import('./commands/aadsts.js'),
  perms: () => import('./commands/perms.js'),
  data: () => import('./commands/data.js'),
  proxy: () => import('./commands/proxy.js'),
  kql: () => import('./commands/kql.js'),
  logs: () => import('./commands/logs.js'),
  merge: () => import('./commands/merge.js'),
  web: () => import('./commands/web.js'),
}

/** Commands whose help text lives in `commands/<name>-help.ts`, so help does not load the command. */
const LIGHT_HELP_LOADERS: Readonly<Record<string, () => Promise<{ help: HelpDoc }>>> = {
  diagnose: () => import('./commands/diagnose-help.js'),
  token: () => import('./commands/token-help.js'),
  aadsts: () => import('./commands/aadsts-help.js'),
  perms: () => import('./commands/perms-help.js'),
  data: () => import('./commands/data-help.js'),
  proxy: () => import('./commands/proxy-help.js'),
  kql: () => import('./commands/kql-help.js'),
  logs: () => import('./commands/logs-help.js'),
  merge: () => import('./commands/merge-help.js'),
  web: () => import('./commands/web-help.js'),
}

async function loadCommand(name: string): Promise<CommandModule> {
  const loader = COMMAND_LOADERS[name]
  const loaded = loader === undefined ? {} : await loader()
  if (typeof loaded.run !== 'function') throw new Error(`command module ${name} exports no run function`)
  return loaded as CommandModule
}

function isHelpFlag(arg: string): boolean {
  return arg === '--help' || arg === '-h'
}

function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).some(isHelpFlag)
}

async function commandHelp(name: string, info: CommandInfo, io: CliIo): Promise<string> {
  const lightHelp = LIGHT_HELP_LOADERS[name]
  const doc = lightHelp === undefined ? (await loadCommand(name)).help : (await lightHelp()).help
  return renderHelp(doc ?? { usage: [`graph-doctor ${info.usage}`], blocks: [{ kind: 'text', text: `${info.summary}.` }] }, outputColumns(io))
}

function mainHelp(io: CliIo): string {
  return renderHelp(MAIN_HELP, outputColumns(io))
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
    io.stderr(`graph-doctor: ${what} ${what === 'unknown option' ? echoOption(first) : echoArgument(first)}; commands: ${Object.keys(COMMANDS).join(', ')} (graph-doctor --help for more)\n`)
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


async function main(): Promise<void> {
  // Node 22.1+ keeps compiled code of the command bundles on disk between runs (in the OS temporary
  // directory); Node 20 has no compile cache and runs as before.
  const nodeModule = process.getBuiltinModule?.('node:module') as { enableCompileCache?: () => unknown } | undefined
  nodeModule?.enableCompileCache?.()
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

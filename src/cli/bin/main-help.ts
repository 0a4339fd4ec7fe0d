/** The bin's own help, and a command's help without loading the command where its text lives apart. */
import type { CliIo } from '../command.js'
import { outputColumns } from '../io.js'
import { renderHelp, type HelpDoc } from '../../render/layout/help.js'
import { COMMANDS, LIGHT_HELP_LOADERS, loadCommand, type CommandInfo } from './command-table.js'

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

export function isHelpFlag(arg: string): boolean {
  return arg === '--help' || arg === '-h'
}

/** A help flag among the arguments before `--`. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).some(isHelpFlag)
}

export async function commandHelp(name: string, info: CommandInfo, io: CliIo): Promise<string> {
  const lightHelp = LIGHT_HELP_LOADERS[name]
  const doc = lightHelp === undefined ? (await loadCommand(name)).help : (await lightHelp()).help
  return renderHelp(doc ?? { usage: [`graph-doctor ${info.usage}`], blocks: [{ kind: 'text', text: `${info.summary}.` }] }, outputColumns(io))
}

export function mainHelp(io: CliIo): string {
  return renderHelp(MAIN_HELP, outputColumns(io))
}

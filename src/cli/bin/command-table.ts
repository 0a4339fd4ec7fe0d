/**
 * The commands of the bin: their usage line and summary, and how each is loaded. Every command lives
 * in `src/cli/commands/<name>.ts` behind a literal `import()`, so that the bundle puts each into a file
 * of its own (scripts/bundle-cli.mjs) and a run compiles only the one it needs.
 */
import type { Command } from '../command.js'
import type { HelpDoc } from '../../render/layout/help.js'

export interface CommandInfo {
  readonly usage: string
  readonly summary: string
}

export const COMMANDS: Readonly<Record<string, CommandInfo>> = {
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

export interface CommandModule {
  readonly run: Command
  readonly help?: HelpDoc
}

/** Literal import paths (not a template): bundlers can then split each command into its own chunk. */
const COMMAND_LOADERS: Readonly<Record<string, () => Promise<Partial<CommandModule>>>> = {
  diagnose: () => import('../commands/diagnose.js'),
  token: () => import('../commands/token.js'),
  aadsts: () => import('../commands/aadsts.js'),
  perms: () => import('../commands/perms.js'),
  data: () => import('../commands/data.js'),
  proxy: () => import('../commands/proxy.js'),
  kql: () => import('../commands/kql.js'),
  logs: () => import('../commands/logs.js'),
  merge: () => import('../commands/merge.js'),
  web: () => import('../commands/web.js'),
}

/** Commands whose help text lives in `commands/help/<name>.ts`, so help does not load the command. */
export const LIGHT_HELP_LOADERS: Readonly<Record<string, () => Promise<{ help: HelpDoc }>>> = {
  diagnose: () => import('../commands/help/diagnose.js'),
  token: () => import('../commands/help/token.js'),
  aadsts: () => import('../commands/help/aadsts.js'),
  perms: () => import('../commands/help/perms.js'),
  data: () => import('../commands/help/data.js'),
  proxy: () => import('../commands/help/proxy.js'),
  kql: () => import('../commands/help/kql.js'),
  logs: () => import('../commands/help/logs.js'),
  merge: () => import('../commands/help/merge.js'),
  web: () => import('../commands/help/web.js'),
}

export async function loadCommand(name: string): Promise<CommandModule> {
  const loader = COMMAND_LOADERS[name]
  const loaded = loader === undefined ? {} : await loader()
  if (typeof loaded.run !== 'function') throw new Error(`command module ${name} exports no run function`)
  return loaded as CommandModule
}

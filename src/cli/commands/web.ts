/** `graph-doctor web`: serve the web page on 127.0.0.1 and open it, until Ctrl-C or SIGTERM. */
import { spawn } from 'node:child_process'
import { help } from './help/web.js'
import { GraphDoctorError } from '../../core/errors.js'
import { parseCommandArgs, stringOption } from '../args.js'
import type { CliIo, Command } from '../command.js'
import { readWebPage, serveWebPage } from '../web/server.js'

export { help }

const OPTIONS = { port: { type: 'string' }, 'no-open': { type: 'boolean' } } as const
const HOST = '127.0.0.1'

function portOption(text: string | undefined): number {
  if (text === undefined) return 0
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GraphDoctorError('ERR_USAGE', '--port must be a whole number from 0 to 65535')
  return port
}

/** The platform's "open this URL" command; failures only warn (the URL is printed anyway). */
function openBrowser(url: string, io: CliIo): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]]
  const child = spawn(command, args, { detached: true, stdio: 'ignore' })
  child.on('error', () => io.stderr(`graph-doctor: could not open a browser (${command}); open ${url} yourself.\n`))
  child.unref()
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string): void => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      resolve(signal)
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  })
}

export const run: Command = async (argv, io) => {
  const args = parseCommandArgs(argv, OPTIONS, 'web')
  if (args.positionals.length > 0) throw new GraphDoctorError('ERR_USAGE', 'web takes no arguments (see graph-doctor web --help)')
  const port = portOption(stringOption(args, 'port'))
  const html = await readWebPage()
  let served
  try {
    served = await serveWebPage(html, HOST, port)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new GraphDoctorError('ERR_IO', `cannot listen on ${HOST} port ${port} (${code})`, { cause: error })
  }
  io.stdout(`${served.url}\n`)
  io.stderr('graph-doctor: the page runs in your browser and connects nowhere; Ctrl-C stops this server.\n')
  if (args.values['no-open'] !== true) openBrowser(served.url, io)
  const signal = await waitForSignal()
  io.stderr(`graph-doctor: stopping (${signal}).\n`)
  const closed = new Promise<void>((resolve) => served.server.close(() => resolve()))
  served.server.closeAllConnections()
  await closed
  return 0
}

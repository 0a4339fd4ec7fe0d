/** Run the Graph double as its own process (benchmarks): prints its URL, stops on SIGTERM/SIGINT. */
import { startGraphDouble } from './server.js'

const double = await startGraphDouble(process.argv[2] === undefined ? {} : { scenario: process.argv[2] })
process.stdout.write(`${double.url}\n`)
const stop = (): void => void double.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)

/** `--report DIR`: the session written on exit as a redacted HAR, the diagnosis JSON and a Markdown summary. */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GraphDoctorError } from '../../core/errors.js'
import { renderJson } from '../../render/diagnosis/json.js'
import { plural } from '../../render/diagnosis/text-parts.js'
import { renderSessionMarkdown } from '../../render/live.js'
import { sessionHar } from './har.js'
import type { LiveSession } from './session.js'

export const REPORT_FILES = { har: 'session.har', json: 'diagnosis.json', markdown: 'summary.md' } as const

/** Write the three report files into `dir` (created if needed); returns their paths. */
export async function writeSessionReport(dir: string, session: LiveSession, version: string): Promise<string[]> {
  const notes = [
    ...(session.dropped > 0 ? [`${plural(session.dropped, 'exchange')} past the first ${session.exchanges.length} ${session.dropped === 1 ? 'is' : 'are'} counted but not in the HAR.`] : []),
    ...(session.droppedResults > 0 ? [`${plural(session.droppedResults, 'diagnosis', 'diagnoses')} past the first ${session.results.length} ${session.droppedResults === 1 ? 'is' : 'are'} counted but not in diagnosis.json or this summary.`] : []),
  ]
  const files: Array<[string, string]> = [
    [REPORT_FILES.har, sessionHar(session.exchanges, version)],
    [REPORT_FILES.json, renderJson({ results: session.results })],
    [REPORT_FILES.markdown, renderSessionMarkdown(session.counts(), session.results, notes)],
  ]
  try {
    await mkdir(dir, { recursive: true })
    for (const [name, text] of files) await writeFile(join(dir, name), text, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new GraphDoctorError('ERR_IO', `--report ${dir}: cannot write the session report (${code})`, { cause: error })
  }
  return files.map(([name]) => join(dir, name))
}

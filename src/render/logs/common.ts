/** Shared wording of the logs report renderers. */
import type { LogReport, ReportTally } from '../../core/logs/report.js'

/** `12,345` */
export function count(value: number): string {
  return value.toLocaleString('en-US')
}

/** `1 unreadable record`, `2 unreadable records`: a count and its noun, plural unless one. */
export function counted(value: number, noun: string, plural = `${noun}s`): string {
  return `${count(value)} ${value === 1 ? noun : plural}`
}

/** `first … last` in UTC seconds, or a dash. */
export function seen(tally: ReportTally): string {
  if (tally.first === null && tally.last === null) return '–'
  const short = (time: string | null): string => (time === null ? '?' : time.replace(/\.\d+/, '').replace('T', ' '))
  return tally.first === tally.last ? short(tally.first) : `${short(tally.first)} … ${short(tally.last)}`
}

/** An app as people know it: `Contoso Sync (1111…)`, or its id alone. */
export function appLabel(appId: string, appName: string | null): string {
  return appName === null ? appId : `${appName} (${appId})`
}

/** The report's headline, one line. */
export function headline(report: LogReport): string {
  const { totals } = report
  const parts = [`${counted(totals.calls, 'Graph call')} (${count(totals.failedCalls)} failed)`]
  if (totals.signins > 0) parts.push(`${counted(totals.signins, 'sign-in')} (${count(totals.failedSignins)} failed)`)
  if (totals.unreadable > 0) parts.push(counted(totals.unreadable, 'unreadable record'))
  return `${parts.join(', ')} in ${counted(report.inputs.length, 'input')}`
}

/** A permission list, or `none`. */
export function names(list: readonly string[]): string {
  return list.length === 0 ? 'none' : list.join(', ')
}

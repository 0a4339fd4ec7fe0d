/** The logs report renderers: counts with their noun in the right number, and the text report wrapped to the width. */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { buildLogReport, JsonLinesReader, LogAggregator } from '../../src/core/logs/index.js'
import { visibleLength } from '../../src/render/layout/wrap.js'
import { renderLogReportHtml, renderLogReportMarkdown, renderLogReportText } from '../../src/render/logs/index.js'
import { catalogue } from '../core/rules/helpers.js'

const fixture = readFileSync(new URL('../fixtures/logs/activity.jsonl', import.meta.url), 'utf8')

function reportOf(text: string): ReturnType<typeof buildLogReport> {
  const aggregator = new LogAggregator({ catalogue: catalogue() })
  aggregator.beginInput('activity.jsonl', 'json-lines')
  const reader = new JsonLinesReader(aggregator, 'activity.jsonl')
  reader.push(text)
  reader.end()
  return buildLogReport(aggregator.state, catalogue())
}

describe('logs report wording', () => {
  it('says "1 unreadable record" and "1 input" in every format, "2 unreadable records" for two', () => {
    // line 5 of the fixture is cut-off JSON, line 9 lacks its method: without line 9, one is unreadable
    const one = reportOf(`${fixture.trimEnd().split('\n').filter((_, index) => index !== 8).join('\n')}\n`)
    assert.equal(one.totals.unreadable, 1)
    for (const rendered of [renderLogReportText(one), renderLogReportMarkdown(one), renderLogReportHtml(one)]) {
      assert.match(rendered, /1 unreadable record in 1 input\b/)
      assert.doesNotMatch(rendered, /\b1 unreadable records|\b1 inputs/)
    }
    assert.match(renderLogReportText(reportOf(fixture)), /2 unreadable records in 1 input\b/)
  })
})

describe('logs text report', () => {
  const report = reportOf(fixture)
  it('sets a cause\'s time span apart from its title: "(seen first … last)", not run on after it', () => {
    for (const width of [200, 80]) {
      const section = renderLogReportText(report, { width }).split('Failures by cause\n')[1]?.split('\n\n')[0]?.replace(/\s+/g, ' ')
      assert.match(section ?? '', /permission-missing: The token lacks a permission this API accepts \(seen 2026-11-20 10:01:00Z … 2026-11-21 10:11:00Z\)$/, `width ${width}`)
    }
  })
  it('wraps every row to the width, continuation lines hanging under the row text past the count', () => {
    const text = renderLogReportText(report, { width: 50 })
    for (const line of text.split('\n')) assert.ok(visibleLength(line) <= 50 || !line.trim().includes(' '), `too wide: ${line}`)
    const wide = renderLogReportText(report, { width: 200 })
    assert.ok(text.split('\n').length > wide.split('\n').length, 'narrow output takes more lines')
    const rows = text.split('\n')
    const first = rows.findIndex((line) => /^ +3 {2}GET \/users\/\{id\}\/messages/.test(line))
    assert.ok(first !== -1, text)
    assert.match(rows[first + 1] ?? '', /^ {12}\S/)
  })

  it('puts the sample request ids of an endpoint after it in parentheses, one space apart', () => {
    const text = renderLogReportText(report, { width: 200 })
    assert.match(text, /\n {9}3 {2}GET \/users\/\{id\}\/messages \(e\.g\. req-001, req-002, req-003\)\n/)
    assert.match(text, /\n {9}2 {2}GET \/users \(e\.g\. req-010, req-011\)\n/)
  })
})

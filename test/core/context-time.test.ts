import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { exchangeTime } from '../../src/core/context-time.js'
import type { Exchange } from '../../src/core/exchange.js'

const DATE_HEADER = 'Fri, 20 Nov 2026 10:00:00 GMT'

function exchange(options: { date?: string; startedAt?: string } = {}): Exchange {
  return {
    source: 'test',
    format: 'har',
    request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me', headers: [] },
    response: { status: 401, headers: options.date === undefined ? [] : [['Date', options.date]] },
    ...(options.startedAt === undefined ? {} : { startedAt: options.startedAt }),
  }
}

describe('exchangeTime', () => {
  // A zone-less date read as local time would be off by hours here, so the UTC reading is really tested.
  let zone: string | undefined
  beforeEach(() => {
    zone = process.env['TZ']
    process.env['TZ'] = 'America/New_York'
  })
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ']
    else process.env['TZ'] = zone
  })

  it('uses innerError.date when there is no Date header, reading a date without a zone as UTC', () => {
    const { at, source } = exchangeTime(exchange(), undefined, '2026-11-20T09:30:00')
    assert.equal(source, 'error-date')
    assert.equal(at.toISOString(), '2026-11-20T09:30:00.000Z')
  })

  it('keeps an explicit zone or Z of innerError.date, and accepts fractions of a second', () => {
    assert.equal(exchangeTime(exchange(), undefined, '2026-11-20T11:30:00+02:00').at.toISOString(), '2026-11-20T09:30:00.000Z')
    assert.equal(exchangeTime(exchange(), undefined, '2026-11-20T09:30:00.250Z').at.toISOString(), '2026-11-20T09:30:00.250Z')
  })

  it('prefers the Date header over innerError.date, and innerError.date over the HAR start time', () => {
    assert.deepEqual(exchangeTime(exchange({ date: DATE_HEADER }), undefined, '2026-11-20T09:30:00'), { at: new Date('2026-11-20T10:00:00Z'), source: 'date-header' })
    const started = exchange({ startedAt: '2026-11-21T08:00:00.000Z' })
    assert.equal(exchangeTime(started, undefined, '2026-11-20T09:30:00').source, 'error-date')
    assert.deepEqual(exchangeTime(started), { at: new Date('2026-11-21T08:00:00.000Z'), source: 'started-at' })
  })

  it('lets --now win over every source', () => {
    const now = new Date('2027-01-01T00:00:00Z')
    assert.deepEqual(exchangeTime(exchange({ date: DATE_HEADER }), now, '2026-11-20T09:30:00'), { at: now, source: 'option' })
  })

  it('ignores an innerError.date that is not an ISO date-time', () => {
    for (const value of ['', 'yesterday', '2026', '20/11/2026 10:00', '2026-13-45T99:99:99']) {
      assert.equal(exchangeTime(exchange({ startedAt: '2026-11-21T08:00:00.000Z' }), undefined, value).source, 'started-at', value)
    }
  })
})

import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { analyseToken, judgeTokenTime } from '../../../src/core/token/index.js'
import { FIXTURE_TIME, delegatedToken } from '../../helpers/tokens.js'
import { opaqueMsaToken } from '../../helpers/more-tokens.js'

const at = (seconds: number): Date => new Date(seconds * 1000)
const token = analyseToken(delegatedToken({ nbf: FIXTURE_TIME - 600, exp: FIXTURE_TIME + 3300 }))
const exp = FIXTURE_TIME + 3300
const nbf = FIXTURE_TIME - 600

describe('judgeTokenTime', () => {
  it('is valid at the fixture time, judged at the given time', () => {
    assert.deepEqual(judgeTokenTime(token, at(FIXTURE_TIME)), { state: 'valid', at: '2026-11-20T10:00:00Z', offBySeconds: 0 })
  })

  it('is valid one second before exp', () => {
    assert.equal(judgeTokenTime(token, at(exp - 1)).state, 'valid')
  })

  it('is expired exactly at exp, by 0 seconds', () => {
    assert.deepEqual(judgeTokenTime(token, at(exp)), { state: 'expired', at: '2026-11-20T10:55:00Z', offBySeconds: 0 })
  })

  it('counts the seconds past exp', () => {
    assert.equal(judgeTokenTime(token, at(exp + 3600)).offBySeconds, 3600)
  })

  it('keeps milliseconds of the judged time in the ISO string', () => {
    assert.equal(judgeTokenTime(token, new Date(exp * 1000 + 500)).at, '2026-11-20T10:55:00.500Z')
  })

  it('is valid exactly at nbf and not yet valid one second before', () => {
    assert.equal(judgeTokenTime(token, at(nbf)).state, 'valid')
    assert.deepEqual(judgeTokenTime(token, at(nbf - 1)), { state: 'not-yet-valid', at: '2026-11-20T09:49:59Z', offBySeconds: 1 })
  })

  it('reports clock skew (nbf in the future) before anything else', () => {
    const skewed = analyseToken(delegatedToken({ nbf: FIXTURE_TIME + 300, exp: FIXTURE_TIME - 10 }))
    assert.deepEqual(judgeTokenTime(skewed, at(FIXTURE_TIME)), { state: 'not-yet-valid', at: '2026-11-20T10:00:00Z', offBySeconds: 300 })
  })

  it('is unknown without exp, and for opaque tokens', () => {
    assert.equal(judgeTokenTime(analyseToken(delegatedToken({ exp: undefined })), at(FIXTURE_TIME)).state, 'unknown')
    assert.equal(judgeTokenTime(analyseToken(opaqueMsaToken()), at(FIXTURE_TIME)).state, 'unknown')
  })

  it('does not throw on an invalid date', () => {
    assert.equal(judgeTokenTime(token, new Date(Number.NaN)).state, 'unknown')
  })
})

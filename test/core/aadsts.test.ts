import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import {
  aadstsCategoryMeaning,
  aadstsErrorUrl,
  aadstsFindingFor,
  extractAadstsCodes,
  isAadstsPolicyBlock,
  knownAadstsCodes,
  lookupAadsts,
} from '../../src/core/aadsts.js'
import { aadstsCodeRows } from '../../src/core/data/aadsts-codes.js'
import { aadstsExtraRows } from '../../src/core/data/aadsts-extra.js'
import { aadstsFixes, aadstsFixGroups } from '../../src/core/data/aadsts-fixes.js'
import { MODULE_PATH, parseAadstsTsv, renderAadstsModule, TSV_PATH } from '../../scripts/gen-aadsts.js'

const tsvText = readFileSync(TSV_PATH, 'utf8')
const tsvRows = parseAadstsTsv(tsvText)

describe('AADSTS table', () => {
  it('has the generated module in sync with data/aadsts-codes.tsv (run scripts/gen-aadsts.ts when this fails)', () => {
    assert.equal(readFileSync(MODULE_PATH, 'utf8'), renderAadstsModule(tsvText))
    assert.equal(aadstsCodeRows.length, tsvRows.length)
    assert.ok(tsvRows.length >= 304)
  })

  it('knows every TSV code with its name, category and a hand-written fix that is not just the name', () => {
    for (const row of tsvRows) {
      const info = lookupAadsts(row.code)
      assert.ok(info, `AADSTS${row.code} missing`)
      assert.equal(info.category, row.category)
      assert.equal(info.name, row.name === '' ? undefined : row.name)
      assert.ok(aadstsFixes.has(row.code), `AADSTS${row.code} has no hand-written fix`)
      assert.ok(info.fix.length > 30, `AADSTS${row.code} fix too short`)
      assert.notEqual(info.fix, row.name)
      if (row.name !== '') assert.ok(!info.fix.includes(row.name), `AADSTS${row.code} fix repeats the symbolic name`)
    }
  })

  it('omits the name property when Microsoft gives no symbolic name', () => {
    const info = lookupAadsts(7000215)
    assert.ok(info)
    assert.equal(Object.hasOwn(info, 'name'), false)
  })

  it('puts each fix in exactly one themed table and has no fix for an unknown code', () => {
    const total = aadstsFixGroups.reduce((sum, group) => sum + Object.keys(group).length, 0)
    assert.equal(total, aadstsFixes.size)
    assert.deepEqual([...aadstsFixes.keys()].sort((a, b) => a - b), knownAadstsCodes())
  })

  it('adds the extra codes without overlapping the TSV', () => {
    const tsvCodes = new Set(tsvRows.map((row) => row.code))
    for (const [code] of aadstsExtraRows) assert.equal(tsvCodes.has(code), false, `AADSTS${code} is already in the TSV`)
    for (const code of [500200, 50130, 50137, 50138]) assert.ok(lookupAadsts(code), `AADSTS${code} missing`)
    assert.equal(knownAadstsCodes().length, tsvRows.length + aadstsExtraRows.length)
  })

  it('ends every fix with a full stop and keeps it on one line', () => {
    for (const [code, fix] of aadstsFixes) {
      assert.ok(!/[\r\n]/.test(fix), `AADSTS${code}`)
      assert.ok(fix.endsWith('.'), `AADSTS${code}`)
    }
  })

  it('gives a meaning for every category in use', () => {
    for (const code of knownAadstsCodes()) {
      const info = lookupAadsts(code)
      assert.ok(info && aadstsCategoryMeaning[info.category].length > 10)
    }
  })
})

describe('AADSTS coverage of the current reference page', () => {
  // Codes the issue names: added to the page after the first TSV commit (50141 … 901011), or seen
  // in real responses but absent from the page (1002012, 530003, 500113, 7000229, 1003031).
  const named = [1002012, 530003, 500113, 7000229, 50148, 1003031, 50141, 50142, 500207, 650059, 901011]
  const pageRange = [50148, 50149, 50150, 50155, 50156, 50157, 50158, 50159, 50160, 50161, 50162, 50163, 50164, 50165]

  it('knows every named code and every code of 50148-50165 on the page, each with its own fix', () => {
    for (const code of [...named, ...pageRange]) {
      const info = lookupAadsts(code)
      assert.ok(info, `AADSTS${code} missing`)
      assert.ok(aadstsFixes.has(code), `AADSTS${code} has no hand-written fix`)
    }
  })

  it('follows the newer page commit in the TSV header and holds its 345 codes', () => {
    assert.match(tsvText.split('\n')[0] ?? '', /3164b3b5d031edef0ad334ba09d3ea6dcb619c1a/)
    assert.equal(tsvRows.length, 345)
  })

  it('says that only an admin can lift a Conditional Access block (53003), not "sign in interactively"', () => {
    const fix = lookupAadsts(53003)?.fix ?? ''
    assert.match(fix, /only an admin can change the policy/)
    assert.doesNotMatch(fix, /sign in interactively/i)
    assert.equal(aadstsFindingFor(53003), 'token-request-failed')
  })

  it('names the /.default scope for 1002012 and the service principal for 7000229', () => {
    assert.match(lookupAadsts(1002012)?.fix ?? '', /\/\.default/)
    assert.match(lookupAadsts(7000229)?.fix ?? '', /service principal/)
  })
})

describe('AADSTS fixes for the important codes', () => {
  const fixOf = (code: number): string => lookupAadsts(code)?.fix ?? ''

  it('tells to send the client secret value, not its ID (7000215)', () => {
    assert.match(fixOf(7000215), /secret VALUE/)
    assert.match(fixOf(7000215), /not the secret ID/)
  })

  it('names the concrete step for common failures', () => {
    assert.match(fixOf(7000222), /new secret/)
    assert.match(fixOf(50011), /redirect URI/i)
    assert.match(fixOf(65001), /admin/)
    assert.match(fixOf(50076), /interactive/i)
    assert.match(fixOf(700016), /tenant/)
    assert.match(fixOf(500011), /service principal/)
    assert.match(fixOf(700022), /one resource per token/)
    assert.match(fixOf(500200), /work or school/)
    assert.match(fixOf(9001023), /\/organizations/)
  })
})

describe('aadstsFindingFor', () => {
  const cases: ReadonlyArray<[number, string]> = [
    [50076, 'interaction-required'],
    [50079, 'interaction-required'],
    [50074, 'interaction-required'],
    [53000, 'interaction-required'],
    [53003, 'token-request-failed'],
    [530032, 'token-request-failed'],
    [530003, 'interaction-required'],
    [70043, 'interaction-required'],
    [700082, 'interaction-required'],
    [50173, 'interaction-required'],
    [50055, 'interaction-required'],
    [65001, 'consent-missing'],
    [65004, 'consent-missing'],
    [90094, 'consent-missing'],
    [90008, 'consent-missing'],
    [650056, 'consent-missing'],
    [650057, 'consent-missing'],
    [500200, 'token-personal-account'],
    [500208, 'token-personal-account'],
    [9002332, 'token-personal-account'],
    [90027, 'token-personal-account'],
    [7000215, 'token-request-failed'],
    [7000222, 'token-request-failed'],
    [700016, 'token-request-failed'],
    [500011, 'token-request-failed'],
    [70011, 'token-request-failed'],
    [50126, 'token-request-failed'],
    [99999999, 'token-request-failed'],
  ]
  for (const [code, finding] of cases) {
    it(`maps AADSTS${code} to ${finding}`, () => {
      assert.equal(aadstsFindingFor(code), finding)
      if (lookupAadsts(code) !== undefined) assert.equal(lookupAadsts(code)?.finding, finding)
    })
  }

  it('maps every conditional-access and user-interaction code to interaction-required, except policy blocks', () => {
    for (const code of knownAadstsCodes()) {
      const info = lookupAadsts(code)
      if (info?.category !== 'conditional-access' && info?.category !== 'user-interaction') continue
      assert.equal(info.finding, isAadstsPolicyBlock(code) ? 'token-request-failed' : 'interaction-required', `AADSTS${code}`)
    }
    assert.deepEqual(knownAadstsCodes().filter(isAadstsPolicyBlock), [50005, 53003, 53011, 530032, 530034])
  })
})

describe('extractAadstsCodes', () => {
  it('finds the code in a real-looking token-endpoint body', () => {
    const body = JSON.stringify({
      error: 'invalid_grant',
      error_description:
        "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'. Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333 Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd Timestamp: 2026-11-20 10:00:00Z",
      error_codes: [50076],
      suberror: 'basic_action',
    })
    assert.deepEqual(extractAadstsCodes(body), [50076])
  })

  it('keeps the order of first appearance and drops duplicates', () => {
    assert.deepEqual(extractAadstsCodes('AADSTS700016 then aadsts50076, again AADSTS700016 and AADSTS7000215.'), [700016, 50076, 7000215])
  })

  it('reads a code written with a space, colon or dash after AADSTS', () => {
    assert.deepEqual(extractAadstsCodes('Error AADSTS 50076 then AADSTS-65001 and AADSTS:70011'), [50076, 65001, 70011])
  })

  it('returns nothing without an AADSTS prefix or digits', () => {
    assert.deepEqual(extractAadstsCodes('error 50076 and AADSTS: none'), [])
    assert.deepEqual(extractAadstsCodes(''), [])
  })
})

describe('lookupAadsts', () => {
  it('returns undefined for an unknown code and the lookup URL works for any code', () => {
    assert.equal(lookupAadsts(12345678), undefined)
    assert.equal(aadstsErrorUrl(12345678), 'https://login.microsoftonline.com/error?code=12345678')
  })

  it('links every known code to its lookup page', () => {
    assert.equal(lookupAadsts(65001)?.url, 'https://login.microsoftonline.com/error?code=65001')
  })
})

describe('our fix texts survive the output redaction', () => {
  it('no fix reads like a secret pair ("password: check …" was printed as "password: [redacted, 5 chars] …")', async () => {
    const { redactSecrets } = await import('../../src/core/redact.js')
    const damaged = [...aadstsFixes].filter(([, text]) => redactSecrets(text) !== text).map(([code]) => code)
    assert.deepEqual(damaged, [])
  })
})

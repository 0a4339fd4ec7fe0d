import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ACTIVITY_GROUP_COLUMNS, SIGNIN_GROUP_COLUMNS, WEIGHT_COLUMNS, KQL_TABLES, buildKqlQuery, resolveKqlTable } from '../../../src/core/kql/index.js'
import { isGraphDoctorError } from '../../../src/core/errors.js'
import { kustoDiagnostics, kustoResultColumns } from '../../helpers/kusto.js'
import { schemaColumns } from '../../helpers/kusto-schemas.js'

describe('buildKqlQuery, checked by the official Kusto language service', () => {
  for (const table of KQL_TABLES) {
    for (const since of ['7d', '24h', '90m']) {
      it(`${table} --since ${since}: no diagnostics against the table schemas`, () => {
        const query = buildKqlQuery({ table, since })
        assert.deepEqual(kustoDiagnostics(query.text), [])
      })
    }
    it(`${table}: the result has exactly the contract's columns, in order`, () => {
      const query = buildKqlQuery({ table, since: '7d' })
      const groups = table === 'MicrosoftGraphActivityLogs' ? ACTIVITY_GROUP_COLUMNS : SIGNIN_GROUP_COLUMNS
      assert.deepEqual(query.columns, [...groups, ...WEIGHT_COLUMNS])
      assert.deepEqual(kustoResultColumns(query.text), query.columns)
    })
  }

  it('the checker is not blind: a wrong column or a type error is reported', () => {
    assert.notDeepEqual(kustoDiagnostics('MicrosoftGraphActivityLogs | where NoSuchColumn == 1'), [])
    assert.notDeepEqual(kustoDiagnostics('MicrosoftGraphActivityLogs | where ResponseStatusCode > "x"'), [])
    assert.notDeepEqual(kustoDiagnostics('AADServicePrincipalSignInLogs | project AppDisplayName'), [])
  })

  it('groups only by columns the source tables have (the schemas are not empty)', () => {
    const activity = schemaColumns('MicrosoftGraphActivityLogs')
    for (const column of ACTIVITY_GROUP_COLUMNS) assert.ok(activity.includes(column), column)
    assert.ok(schemaColumns('SigninLogs').length > 60)
  })

  it('keeps successes and the diagnosed failures, from the requested window', () => {
    const text = buildKqlQuery({ table: 'MicrosoftGraphActivityLogs', since: '24h' }).text
    assert.match(text, /\| where TimeGenerated > ago\(24h\)/)
    assert.match(text, /ResponseStatusCode between \(200 \.\. 399\) or ResponseStatusCode in \(400, 401, 403\)/)
    assert.match(buildKqlQuery({ table: 'signins', since: '7d' }).text, /^union SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs$/m)
  })

  it('refuses a --since that is not a plain Kusto timespan', () => {
    for (const since of ['7', '0d', '7d; drop', '7 d', '1w', '']) {
      assert.throws(() => buildKqlQuery({ table: 'signins', since }), (error: unknown) => isGraphDoctorError(error) && error.code === 'ERR_INVALID_OPTION')
    }
  })

  it('resolves table names case-insensitively, with activity as a short name', () => {
    assert.equal(resolveKqlTable('activity'), 'MicrosoftGraphActivityLogs')
    assert.equal(resolveKqlTable('SIGNINS'), 'signins')
    assert.equal(resolveKqlTable('aadserviceprincipalsigninlogs'), 'AADServicePrincipalSignInLogs')
    assert.equal(resolveKqlTable('AuditLogs'), undefined)
  })
})

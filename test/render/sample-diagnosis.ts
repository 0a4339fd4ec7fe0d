/** A hand-made diagnosis for the renderer tests: independent of the rules, so it pins the layout only. */
import type { Diagnosis, DiagnosisResult, Finding } from '../../src/core/types.js'

export const permissionFinding: Finding = {
  id: 'permission-missing',
  severity: 'error',
  title: 'The token holds no permission this call accepts',
  detail: 'GET /users accepts User.ReadBasic.All or higher; the token only has User.Read.',
  evidence: [
    { source: 'token', field: 'scp', value: 'openid profile email User.Read' },
    { source: 'body', field: 'error.code', value: 'Authorization_RequestDenied', note: 'Graph said: Insufficient privileges | more' },
  ],
  fix: [
    'Add the delegated permission User.ReadBasic.All to the app registration.',
    'Grant admin consent:\naz ad app permission admin-consent --id aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    'az ad app permission add --id aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee --api 00000003-0000-0000-c000-000000000000',
  ],
  links: [{ title: 'Microsoft Graph permissions reference', url: 'https://learn.microsoft.com/graph/permissions-reference' }],
  permission: { scheme: 'DelegatedWork', leastPrivileged: 'User.ReadBasic.All', accepted: ['User.ReadBasic.All', 'User.Read.All'], granted: ['User.Read'] },
}

export const warningFinding: Finding = {
  id: 'endpoint-unknown',
  severity: 'warning',
  title: 'This endpoint is not in the permission catalogue',
  detail: '',
  evidence: [],
  fix: [],
  links: [],
}

export const failedResult: DiagnosisResult = {
  source: 'capture.har#2',
  request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' },
  status: 403,
  judgedAt: '2026-11-20T10:00:00.000Z',
  findings: [permissionFinding, warningFinding],
}

export const healthyResult: DiagnosisResult = {
  source: 'capture.har#1',
  request: { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' },
  status: 200,
  judgedAt: '2026-11-20T10:00:00.000Z',
  findings: [],
}

export const batchResult: DiagnosisResult = {
  source: 'capture.har#3/2',
  request: { method: 'GET', url: '/me/messages' },
  status: 404,
  judgedAt: '2026-11-20T10:00:00.000Z',
  batch: { source: 'capture.har#3', requestId: '2' },
  findings: [{ ...warningFinding, id: 'user-not-licensed', severity: 'info', title: 'The mailbox is not licensed' }],
}

export const sampleDiagnosis: Diagnosis = { results: [healthyResult, failedResult, batchResult] }

/**
 * A tiny, synthetic permission data set in the three official formats (Kibali permissions.json,
 * provisioningInfo.json, permissions-descriptions.json), for tests of `data update`, the data sources
 * and the derived-index cache: they exercise the files' handling, not the official data. GUIDs are fake.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const work = { requiresAdminConsent: false, privilegeLevel: 1 }
const admin = { requiresAdminConsent: true, privilegeLevel: 3 }

export const MINI_PERMISSIONS = {
  $schema: 'https://raw.githubusercontent.com/microsoftgraph/kibali/main/specs/permissions-schema.json',
  permissions: {
    'User.Read': {
      authorizationType: 'oAuth2',
      schemes: { DelegatedWork: work, DelegatedPersonal: work },
      pathSets: [{ schemeKeys: ['DelegatedWork', 'DelegatedPersonal'], methods: ['GET'], paths: { '/me': 'least=DelegatedWork,DelegatedPersonal' } }],
    },
    'User.Read.All': {
      authorizationType: 'oAuth2',
      schemes: { DelegatedWork: admin, Application: admin },
      pathSets: [{ schemeKeys: ['DelegatedWork', 'Application'], methods: ['GET'], paths: { '/users': 'least=DelegatedWork,Application', '/users/{id}': 'least=Application' } }],
    },
    'Mail.ReadBasic': {
      authorizationType: 'oAuth2',
      schemes: { DelegatedWork: work },
      pathSets: [{ schemeKeys: ['DelegatedWork'], methods: ['GET'], paths: { '/me/messages': 'least=DelegatedWork', '/users/{id}/messages': 'least=DelegatedWork' } }],
    },
    'Mail.ReadBasic.All': {
      authorizationType: 'oAuth2',
      schemes: { Application: admin },
      pathSets: [{ schemeKeys: ['Application'], methods: ['GET'], paths: { '/users/{id}/messages': 'least=Application' } }],
    },
    'Mail.Read': {
      authorizationType: 'oAuth2',
      schemes: { DelegatedWork: work, Application: admin },
      pathSets: [{ schemeKeys: ['DelegatedWork', 'Application'], methods: ['GET'], paths: { '/me/messages': '', '/users/{id}/messages': '' } }],
    },
  },
}

const fakeGuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

export const MINI_PROVISIONING_INFO = {
  permissionDeployments: Object.fromEntries(
    ['User.Read', 'User.Read.All', 'Mail.ReadBasic', 'Mail.ReadBasic.All', 'Mail.Read'].map((name, n) => [
      name,
      [
        { id: fakeGuid(100 + n), scheme: 'DelegatedWork', environment: 'public', isHidden: false, isEnabled: true, resourceAppId: '' },
        { id: fakeGuid(200 + n), scheme: 'Application', environment: 'public', isHidden: false, isEnabled: true, resourceAppId: '' },
      ],
    ]),
  ),
}

export const MINI_DESCRIPTIONS = {
  delegatedScopesList: [{ id: fakeGuid(100), value: 'User.Read', adminConsentDisplayName: 'Sign in and read user profile', isAdmin: false, isEnabled: true }],
  applicationScopesList: [{ id: fakeGuid(204), value: 'Mail.Read', adminConsentDisplayName: 'Read mail in all mailboxes', isAdmin: true, isEnabled: true, allowedMemberTypes: ['Application'] }],
}

/** The three files' names and texts, as upstream names them. */
export const MINI_FILES: ReadonlyMap<string, string> = new Map([
  ['permissions.json', JSON.stringify(MINI_PERMISSIONS, null, 2)],
  ['provisioningInfo.json', JSON.stringify(MINI_PROVISIONING_INFO, null, 2)],
  ['permissions-descriptions.json', JSON.stringify(MINI_DESCRIPTIONS, null, 2)],
])

/** A new temporary folder holding the three files (or only those named). */
export function writeMiniData(names: readonly string[] = [...MINI_FILES.keys()]): string {
  const dir = mkdtempSync(join(tmpdir(), 'graph-doctor-mini-data-'))
  for (const name of names) writeFileSync(join(dir, name), MINI_FILES.get(name) ?? '')
  return dir
}

import { loadSharedCatalogue } from './test/helpers/catalogue.js'
const c = loadSharedCatalogue()
for (const [m,u] of [['GET','/teams/1/channels/2/messages'],['GET','/chats/1/messages'],['GET','/teams/1/channels/2/messages/3/replies']]) {
  const e = c.lookup(m!,u!)
  console.log(m,u,e?.template)
  for (const s of Object.values(e?.schemes ?? {})) console.log(' ', s!.scheme, s!.leastPrivileged, s!.accepted.map(a=>`${a.name}${a.isLeast?'*':''}(${a.privilegeLevel})`).join(' '), JSON.stringify(s!.excluded))
}

/**
 * The fix step that asks for a call a pasted text does not show, as precisely as the text allows: the
 * tool that sent it, the SDK request its stack trace names without a certain path, or the line of the
 * caller's own code that made it (`call-site.ts`). Undefined when the text says nothing of the call
 * (the rule then asks in general words).
 */
import { callSite } from './call-site.js'

const GIVE_CALL = 'or give the call itself (a HAR or curl -v capture, or --method and --url with the token), so graph-doctor can name the exact least-privileged permission'

/**
 * @param said what an SDK frame says of the call when its path is not certain (`dotnetV4Call`'s `said`)
 * @example
 * unseenCallStep('ODataError: …\n    at async listUsers (/app/src/directory.ts:14:18)', undefined)
 * // 'The SDK\'s error does not print the call, but its stack trace shows it was made in listUsers at /app/src/directory.ts:14: …'
 */
export function unseenCallStep(text: string, said: string | undefined): string | undefined {
  if (/\bInvoke-PnPGraphMethod\b/i.test(text.slice(0, 64_000))) {
    return `Invoke-PnPGraphMethod's error does not print the call: paste the command with its -Url and -Method together with the error, ${GIVE_CALL}. The permission belongs on the app Connect-PnPOnline signed in with (its -ClientId), not on PnP's own.`
  }
  const site = callSite(text)
  if (said === undefined && site === undefined) return undefined
  const made = site === undefined ? '' : `made in ${site}`
  const shows = said === undefined ? `shows it was ${made}` : `names ${said}${made === '' ? '' : `, ${made}`}`
  return `The SDK's error does not print the call, but its stack trace ${shows}: paste that line of code together with the error, ${GIVE_CALL}.`
}

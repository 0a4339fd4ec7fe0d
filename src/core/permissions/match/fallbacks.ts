import { ME_TO_USERS_NOTE } from '../overrides.js'
import { ITEM_PATH, PARAM, QUALIFIED_PREFIX } from './segments.js'
import type { MatchFallback } from '../types.js'

/** A rewritten request path to try when the direct match failed. */
export interface Attempt {
  readonly segments: readonly string[]
  readonly fallback: MatchFallback
  readonly notes: readonly string[]
}

const DRIVE_NOTE = 'Matched through the drive alias /drives/{id}: the same drive addressed by its owner.'
const CAST_NOTE = 'A microsoft.graph type cast was removed to match the template.'
const ODATA_NOTE = 'The trailing $value/$ref/$count part was removed to match the template.'
const ROOT_NOTE =
  'The drive root (root, or root:/path: relative to it) was matched as the driveItem items/{id}: ' +
  'the data lists most driveItem calls only in their items/{id} form.'

/**
 * Rewrites to try in order (permissions-data.md §7): `/me` ↔ `/users/{id}`, the drive alias, a type
 * cast stripped, the `$…` tail stripped; each of the last two also combined with the first two.
 */
export function* fallbackAttempts(segments: readonly string[]): Generator<Attempt> {
  const bases: Attempt[] = [{ segments, fallback: 'none', notes: [] }]
  yield* ownerRewrites(segments, 'none', [])
  const withoutCasts = segments.filter((segment) => !isCast(segment))
  if (withoutCasts.length !== segments.length) {
    const base: Attempt = { segments: withoutCasts, fallback: 'cast-stripped', notes: [CAST_NOTE] }
    bases.push(base)
    yield base
    yield* ownerRewrites(withoutCasts, 'cast-stripped', [CAST_NOTE])
  }
  const dollar = withoutCasts.findIndex((segment) => segment.charCodeAt(0) === 36)
  if (dollar > 0) {
    const withoutTail = withoutCasts.slice(0, dollar)
    const base: Attempt = { segments: withoutTail, fallback: 'odata-segment-stripped', notes: [ODATA_NOTE] }
    bases.push(base)
    yield base
    yield* ownerRewrites(withoutTail, 'odata-segment-stripped', [ODATA_NOTE])
  }
  // Last, so that no request matched before changes its answer.
  for (const base of bases) yield* rootRewrites(base)
}

/**
 * The drive root as the driveItem it is: `…/drive/root…` and `/drives/{id}/root…` → `…/items/{id}…`,
 * an item path relative to the root (`root:/a/b.txt:`) included; then with the owner rewrites.
 */
function* rootRewrites(base: Attempt): Generator<Attempt> {
  const rewritten = driveRootAsItem(base.segments)
  if (rewritten === undefined) return
  const notes = [...base.notes, ROOT_NOTE]
  const fallback: MatchFallback = base.fallback === 'none' ? 'drive-root-item' : base.fallback
  yield { segments: rewritten, fallback, notes }
  yield* ownerRewrites(rewritten, fallback, notes)
}

function driveRootAsItem(segments: readonly string[]): string[] | undefined {
  const at = segments.indexOf('root')
  if (at < 1) return undefined
  const isDriveRoot = segments[at - 1] === 'drive' || (at >= 2 && segments[at - 2] === 'drives')
  if (!isDriveRoot) return undefined
  const itemPathEnd = segments[at + 1] === ITEM_PATH && segments[at + 2] === PARAM ? at + 3 : at + 1
  return [...segments.slice(0, at), 'items', PARAM, ...segments.slice(itemPathEnd)]
}

/** `/me` ↔ `/users/{id}` and the drive alias. The reported fallback is the owner rewrite (it changes the schemes). */
function* ownerRewrites(segments: readonly string[], previous: MatchFallback, notes: readonly string[]): Generator<Attempt> {
  const [first, second] = segments
  if (first === 'me') {
    yield { segments: ['users', PARAM, ...segments.slice(1)], fallback: 'me-to-users', notes: [...notes, ME_TO_USERS_NOTE] }
  } else if (first === 'users' && second !== undefined && segments.length > 2) {
    const note = 'No /users/{id} template for this method: answered from the /me template.'
    yield { segments: ['me', ...segments.slice(2)], fallback: 'users-to-me', notes: [...notes, note] }
  }
  const drive = driveAlias(segments)
  if (drive !== undefined) yield { segments: drive, fallback: previous === 'none' ? 'drive-alias' : previous, notes: [...notes, DRIVE_NOTE] }
}

/** `/me/drive/…`, `/users/{id}/drive/…`, `/groups/{id}/drive/…`, `/sites/{id}/drive/…` → `/drives/{id}/…`. */
function driveAlias(segments: readonly string[]): string[] | undefined {
  const at = segments.indexOf('drive')
  if (at !== 1 && at !== 2) return undefined
  if (at === 1 && segments[0] !== 'me') return undefined
  return ['drives', PARAM, ...segments.slice(at + 1)]
}

function isCast(segment: string): boolean {
  return segment.startsWith(QUALIFIED_PREFIX) && segment.indexOf('(') === -1
}

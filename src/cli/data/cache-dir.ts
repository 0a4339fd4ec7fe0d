import { posix, win32 } from 'node:path'

type Env = Readonly<Record<string, string | undefined>>

/** node:os only when HOME (or USERPROFILE) is unset: Node's own start-up does not load it. */
function homedir(): string {
  return process.getBuiltinModule('node:os').homedir()
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}

/**
 * Where `graph-doctor data update` keeps the permission data for this user.
 * `GRAPH_DOCTOR_CACHE_DIR` wins; then `$XDG_CACHE_HOME/graph-doctor` (on every platform, as
 * many CLI tools do); then the platform's own cache folder.
 *
 * @example
 * userCacheDir({ HOME: '/home/ada' }, 'linux') // '/home/ada/.cache/graph-doctor'
 * userCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32') // 'C:\\Users\\ada\\AppData\\Local\\graph-doctor\\Cache'
 */
export function userCacheDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  const override = nonEmpty(env['GRAPH_DOCTOR_CACHE_DIR'])
  if (override !== undefined) return override
  const path = platform === 'win32' ? win32 : posix
  const xdg = nonEmpty(env['XDG_CACHE_HOME'])
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, 'graph-doctor')
  if (platform === 'win32') {
    const localAppData = nonEmpty(env['LOCALAPPDATA'])
    if (localAppData !== undefined) return win32.join(localAppData, 'graph-doctor', 'Cache')
    const profile = nonEmpty(env['USERPROFILE']) ?? homedir()
    return win32.join(profile, 'AppData', 'Local', 'graph-doctor', 'Cache')
  }
  const home = nonEmpty(env['HOME']) ?? homedir()
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'graph-doctor')
  return posix.join(home, '.cache', 'graph-doctor')
}

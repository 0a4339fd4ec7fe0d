/** The permission data `logs` and `merge` need (the audit and the permission findings), resolved as every command does. */
import type { PermissionCatalogue } from '../../core/permissions/types.js'
import type { CliIo } from '../command.js'

/** The catalogue of `--permissions FILE` (or the usual precedence); `quiet` leaves out the "data is old" note. */
export async function loadCatalogue(file: string | undefined, io: Pick<CliIo, 'stderr' | 'env' | 'cwd'>, quiet: boolean): Promise<PermissionCatalogue | undefined> {
  const { resolvePermissionData } = await import('../permissions-source.js')
  const warn = (line: string): void => io.stderr(line.startsWith('graph-doctor') ? `${line}\n` : `graph-doctor: ${line}\n`)
  const data = await resolvePermissionData({ ...(file === undefined ? {} : { file }), env: io.env, warn, cwd: io.cwd, noteAge: !quiet })
  return data?.catalogue
}

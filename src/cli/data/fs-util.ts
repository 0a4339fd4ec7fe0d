// node:fs's promises are reached at call time: importing node:fs/promises loads the stream and readline
// modules, which a diagnose from the snapshot or the cache never needs.
import { promises as fsPromises, readFileSync } from 'node:fs'

/**
 * node:crypto, loaded on first use: importing it costs several milliseconds of start-up, and a run
 * without cached data (or from the bundled snapshot) never hashes anything.
 */
export function crypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto')
}

/** Lower-case hex sha256 of some bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return crypto().createHash('sha256').update(data).digest('hex')
}

/** Write a file and fsync it, so a rename that follows never exposes a half-written file. */
export async function writeFileDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await fsPromises.open(path, 'wx')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** fsync a directory so a rename inside it survives a crash. Not possible on Windows: ignored there. */
export async function syncDirectory(path: string): Promise<void> {
  let handle
  try {
    handle = await fsPromises.open(path, 'r')
    await handle.sync()
  } catch {
    // EISDIR/EPERM on Windows and some file systems: the rename is still atomic, only not yet durable.
  } finally {
    await handle?.close()
  }
}

/**
 * The file's bytes, or undefined when it does not exist. Other errors propagate. A synchronous read:
 * the data files are read one after the other on the way to the first answer anyway.
 */
export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return readFileSync(path)
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return undefined
    throw error
  }
}

export function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code
}

/** `1.2 MB`, `640 kB`, `12 B` (decimal units, as download tools print). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(0)} kB`
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

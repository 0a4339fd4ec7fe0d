/** Codes of {@link GraphDoctorError}: the tool failed or was misused (never a finding about the user's request). */
export type ErrorCode =
  | 'ERR_INPUT_UNREADABLE'
  | 'ERR_INPUT_EMPTY'
  | 'ERR_INPUT_FORMAT'
  | 'ERR_INVALID_OPTION'
  | 'ERR_USAGE'
  | 'ERR_DATA_MISSING'
  | 'ERR_DATA_INVALID'
  | 'ERR_DOWNLOAD_FAILED'
  | 'ERR_IO'

/**
 * The one error class of graph-doctor. Messages are one factual line and never contain tokens,
 * secrets or whole request bodies; `cause` is always kept.
 *
 * @example
 * throw new GraphDoctorError('ERR_INPUT_FORMAT', 'capture.har: entry 3 has no request')
 */
export class GraphDoctorError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'GraphDoctorError'
    this.code = code
  }

  toJSON(): { name: string; code: ErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message }
  }
}

/** True for a {@link GraphDoctorError}, also one from another copy of the library (checks `code`). */
export function isGraphDoctorError(value: unknown): value is GraphDoctorError {
  if (value instanceof GraphDoctorError) return true
  if (!(value instanceof Error)) return false
  const code = (value as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('ERR_') && value.name === 'GraphDoctorError'
}

/** The upload of a proxied request: streamed on, and copied while it passes when it is small. */
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'

const REQUEST_BODY_LIMIT = 64 * 1024

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length']
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/** A small upload is copied as it passes, so that a failure's diagnosis sees it (a password reset, a token request). */
async function* tapped(request: IncomingMessage, copy: Buffer[]): AsyncGenerator<Buffer> {
  for await (const chunk of request as AsyncIterable<Buffer>) {
    copy.push(chunk)
    yield chunk
  }
}

export function requestBodyOf(request: IncomingMessage): { body: Readable | null; copy: Buffer[] | undefined } {
  if (!hasBody(request)) return { body: null, copy: undefined }
  const length = Number(request.headers['content-length'])
  if (!(length <= REQUEST_BODY_LIMIT)) return { body: request, copy: undefined }
  const copy: Buffer[] = []
  return { body: Readable.from(tapped(request, copy), { objectMode: false }), copy }
}

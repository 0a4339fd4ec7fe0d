/** Base64 of gzip bytes, as the build embeds them in the page, back to the bytes (DecompressionStream). */
export async function gunzipBase64(base64: string): Promise<Uint8Array<ArrayBuffer>> {
  const binary = atob(base64.trim())
  const bytes = new Uint8Array(binary.length)
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at)
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

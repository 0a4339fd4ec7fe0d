/**
 * Each distinct `origin shape` of the request URIs of a log by a number (`pathShape`: host, query and
 * API version cut, ids as `{id}`), so that the key of a call's group is a few numbers: a text key of
 * every part cost a record more than the rest of its reading (V8 flattens and hashes it per lookup).
 */
import { pathShape, uriOrigin } from '../../kql/path-shape.js'
import { ownText } from '../state.js'

/**
 * @example
 * const shapes = new ShapeNumbers()
 * shapes.of('https://graph.microsoft.com/v1.0/users/ada@contoso.example') // 0
 * shapes.of('https://graph.microsoft.com/beta/users/bob@contoso.example') // 0
 * shapes.text(0) // 'https://graph.microsoft.com /users/{id}'
 */
export class ShapeNumbers {
  private readonly numbers = new Map<string, number>()
  private readonly texts: string[] = []

  /** The number of `${uriOrigin(uri)} ${pathShape(uri)}`. */
  of(uri: string): number {
    const text = `${uriOrigin(uri)} ${pathShape(uri)}`
    let id = this.numbers.get(text)
    if (id === undefined) {
      const owned = ownText(text)
      this.numbers.set(owned, (id = this.texts.length))
      this.texts.push(owned)
    }
    return id
  }

  /** The `origin shape` text of a number {@link of} gave. */
  text(id: number): string {
    return this.texts[id] ?? ''
  }
}

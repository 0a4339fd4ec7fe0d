/**
 * Each distinct `origin shape` of the request URIs of a log by a number (`pathShape`: host, query and
 * API version cut, ids as `{id}`), so that the key of a call's group is a few numbers: a text key of
 * every part cost a record more than the rest of its reading (V8 flattens and hashes it per lookup).
 * Shapes are kept by origin (a log has one or a few), so no `origin shape` text is built per record.
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
  private readonly byOrigin = new Map<string, Map<string, number>>()
  private readonly texts: string[] = []

  /** The number of `${uriOrigin(uri)} ${pathShape(uri)}`. */
  of(uri: string): number {
    const origin = uriOrigin(uri)
    let shapes = this.byOrigin.get(origin)
    if (shapes === undefined) this.byOrigin.set(ownText(origin), (shapes = new Map()))
    const shape = pathShape(uri)
    let id = shapes.get(shape)
    if (id === undefined) {
      shapes.set(ownText(shape), (id = this.texts.length))
      this.texts.push(ownText(`${origin} ${shape}`))
    }
    return id
  }

  /** The `origin shape` text of a number {@link of} gave. */
  text(id: number): string {
    return this.texts[id] ?? ''
  }
}

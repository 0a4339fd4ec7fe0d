/** A small element builder: the page builds its DOM from data, never from HTML strings. */

type Child = Node | string | undefined | false
type Attributes = Readonly<Record<string, string | boolean | undefined>>

/**
 * Create an element with attributes (`true` for a bare attribute, false/undefined to leave it out)
 * and children (text is set as text, never parsed as HTML).
 *
 * @example
 * el('button', { type: 'button', class: 'copy' }, 'Copy')
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: readonly Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    element.setAttribute(name, value === true ? '' : value)
  }
  append(element, ...children)
  return element
}

/** Append children, skipping the absent ones. */
export function append(parent: Node, ...children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child)
  }
}

/** Prose with `code spans`: the spans become <code> elements. */
export function prose(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment()
  const parts = text.split('`')
  parts.forEach((part, index) => {
    if (part === '') return
    append(fragment, index % 2 === 1 ? el('code', {}, part) : part)
  })
  return fragment
}

/** The element with this id; throws when the page lacks it (a build mistake, not a user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (found === null) throw new Error(`the page has no #${id}`)
  return found as T
}

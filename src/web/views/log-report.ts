/**
 * The `logs` report in the page: the markup of `renderLogReportHtml` (the CLI's own renderer, run in
 * the worker), parsed inert with DOMParser and let in only through an allow-list of the elements
 * and attributes that renderer writes (no script, no style, no event handler, no link can pass).
 * Its headings move under the page's own (cells wrap anywhere, so it fits 320 px). The
 * report's head (its inline `<style>`) stays in the worker: the page's CSS styles the report by class
 * (`.log-report`), so the page's Content-Security-Policy stays as it is.
 */
import { el } from '../dom.js'

const SVG = 'http://www.w3.org/2000/svg'
/** Elements kept as they are (by local name; HTML and SVG). */
const ELEMENTS = new Set(['p', 'em', 'strong', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'svg', 'title', 'text', 'rect', 'g'])
/** The report's h1/h2 under the page's h2 "Results". */
const HEADINGS: Readonly<Record<string, 'h3' | 'h4'>> = { h1: 'h3', h2: 'h4' }
const ATTRIBUTES = new Set(['class', 'role', 'aria-label', 'viewbox', 'width', 'height', 'x', 'y', 'rx', 'text-anchor'])

function copyAttributes(from: Element, to: Element): void {
  for (const attribute of Array.from(from.attributes)) {
    if (ATTRIBUTES.has(attribute.name.toLowerCase())) to.setAttribute(attribute.name, attribute.value)
  }
}

/** A clean copy of a parsed node: allowed elements rebuilt, anything else reduced to its text. */
function cleanCopy(node: Node): Node | undefined {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent ?? '')
  if (!(node instanceof Element)) return undefined
  const name = node.localName
  const inSvg = node.namespaceURI === SVG
  const tag = HEADINGS[name] ?? (ELEMENTS.has(name) ? name : undefined)
  if (tag === undefined) return document.createTextNode(node.textContent ?? '')
  const copy = inSvg ? document.createElementNS(SVG, tag) : document.createElement(tag)
  copyAttributes(node, copy)
  for (const child of Array.from(node.childNodes)) {
    const cleaned = cleanCopy(child)
    if (cleaned !== undefined) copy.appendChild(cleaned)
  }
  return copy
}

/**
 * The report's body markup as page elements; its first paragraph (the headline) is returned for the
 * status line.
 */
export function logReportElement(body: string): { element: HTMLElement; headline: string } {
  const parsed = new DOMParser().parseFromString(`<!doctype html><html><head></head><body>${body}</body></html>`, 'text/html')
  const element = el('div', { class: 'log-report' })
  for (const child of Array.from(parsed.body.childNodes)) {
    const cleaned = cleanCopy(child)
    if (cleaned !== undefined) element.appendChild(cleaned)
  }
  return { element, headline: parsed.body.querySelector('p')?.textContent ?? '' }
}

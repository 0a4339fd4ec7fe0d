/** Copy buttons: the clipboard API, or a selected text area where the page may not use it. */
import { el } from '../dom.js'

function copyBySelection(text: string): boolean {
  const area = el('textarea', { class: 'offscreen', 'aria-hidden': 'true', tabindex: '-1' })
  area.value = text
  document.body.appendChild(area)
  area.select()
  const copied = document.execCommand('copy')
  area.remove()
  return copied
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return copyBySelection(text)
  }
}

/**
 * A button that copies `text` and says so in its label for a moment; `what` names the thing copied
 * for screen readers ("Copy the admin-consent URL").
 */
export function copyButton(text: string, what: string): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'copy', 'aria-label': `Copy ${what}`, 'data-copy-kind': what }, 'Copy')
  button.addEventListener('click', () => {
    void copyText(text).then((copied) => {
      button.textContent = copied ? 'Copied' : 'Copy failed: select the text'
      button.dataset['state'] = copied ? 'copied' : 'failed'
    })
  })
  return button
}

/** A block of code to copy: `<pre>` with its copy button. */
export function codeBlock(lines: readonly string[], what: string, language = ''): HTMLElement {
  const text = lines.join('\n')
  return el('div', { class: 'code-block' }, el('pre', { 'data-language': language || undefined, tabindex: '0', 'aria-label': what }, el('code', {}, text)), copyButton(text, what))
}

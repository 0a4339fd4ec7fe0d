/** Every regular expression written in `src/`: literals and `new RegExp('…')`/`RegExp('…')` with literal arguments. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

export interface SourceRegex {
  /** `src/core/x.ts:12` */
  readonly where: string
  readonly source: string
  readonly flags: string
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((file) => join(dir, String(file)))
    .filter((file) => file.endsWith('.ts'))
    .sort()
}

function literalText(node: ts.Expression | undefined): string | undefined {
  return node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined
}

function fromNode(node: ts.Node): Omit<SourceRegex, 'where'> | undefined {
  if (ts.isRegularExpressionLiteral(node)) {
    const slash = node.text.lastIndexOf('/')
    return { source: node.text.slice(1, slash), flags: node.text.slice(slash + 1) }
  }
  if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
    const source = literalText(node.arguments?.[0])
    if (source === undefined) return { source: '', flags: '!dynamic' }
    return { source, flags: literalText(node.arguments?.[1]) ?? '' }
  }
  return undefined
}

/**
 * Every regular expression in the `.ts` files under `dir`. A `RegExp` built from something other than
 * a literal comes back with the flags `!dynamic`, so that a check can refuse what it cannot see.
 */
export function sourceRegexes(dir = 'src'): SourceRegex[] {
  const found: SourceRegex[] = []
  for (const file of sourceFiles(dir)) {
    const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node): void => {
      const regex = fromNode(node)
      if (regex !== undefined) found.push({ where: `${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, ...regex })
      ts.forEachChild(node, visit)
    }
    visit(sourceFile)
  }
  return found
}

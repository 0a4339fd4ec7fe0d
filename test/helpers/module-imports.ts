/**
 * Every module a TypeScript file refers to, found by parsing it: `import … from`, side-effect
 * `import 'x'`, `import type`, `export … from`, dynamic `import('x')` (a non-literal argument is
 * reported as `<dynamic>`), `import x = require('x')`, `require('x')` and `typeof import('x')` types.
 */
import ts from 'typescript'

export const DYNAMIC = '<dynamic>'

function literal(node: ts.Node | undefined): string {
  return node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : DYNAMIC
}

function specifierOf(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined) return literal(node.moduleSpecifier)
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) return literal(node.moduleReference.expression)
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) return literal(node.argument.literal)
  if (ts.isCallExpression(node)) {
    const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword
    const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require'
    if (isImport || isRequire) return literal(node.arguments[0])
  }
  return undefined
}

/**
 * The module specifiers of a source text, in order.
 *
 * @example
 * moduleSpecifiers("import 'node:fs'\nexport * from './a.js'") // ['node:fs', './a.js']
 */
export function moduleSpecifiers(text: string, fileName = 'file.ts'): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    const specifier = specifierOf(node)
    if (specifier !== undefined) found.push(specifier)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/**
 * Which of `names` the text uses as a free identifier (`process.env`, `console.log(…)`, `Buffer`):
 * not as a property (`x.process`), an object key or inside a string or comment.
 */
export function globalsUsed(text: string, names: readonly string[]): string[] {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const found = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && names.includes(node.text)) {
      const parent = node.parent
      const isProperty = (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
      if (!isProperty) found.add(node.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return [...found]
}

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((file) => join(dir, String(file)))
    .filter((file) => file.endsWith('.ts'))
}

function importSpecifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found: string[] = []
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(match[1] ?? match[2] ?? '')
  }
  return found
}

test('src/core imports nothing from node:, render, cli or server, and uses no process or console', () => {
  for (const file of sourceFiles('src/core')) {
    for (const spec of importSpecifiers(file)) {
      assert.ok(!spec.startsWith('node:'), `${file} imports ${spec}`)
      assert.ok(!/\/(render|cli|server)\//.test(spec) && !/^\.\.\/(render|cli|server)/.test(spec), `${file} imports ${spec}`)
      assert.ok(spec.startsWith('.'), `${file} imports package ${spec}: the core has no runtime dependencies`)
    }
    const text = readFileSync(file, 'utf8')
    assert.ok(!/\bprocess\./.test(text), `${file} uses process`)
    assert.ok(!/\bconsole\./.test(text), `${file} uses console`)
    assert.ok(!/\bBuffer\b/.test(text), `${file} uses Buffer (the core also runs in a browser)`)
  }
})

test('src/render imports only core, never cli or server', () => {
  for (const file of sourceFiles('src/render')) {
    for (const spec of importSpecifiers(file)) {
      assert.ok(!/(^|\/)(cli|server)\//.test(spec), `${file} imports ${spec}`)
    }
  }
})

test('only src/cli/main.ts calls process.exit', () => {
  for (const file of sourceFiles('src')) {
    if (file === join('src', 'cli', 'main.ts')) continue
    assert.ok(!/process\.exit\(/.test(readFileSync(file, 'utf8')), `${file} calls process.exit`)
  }
})

/**
 * stdin as a person meets it: piped data is read without `-`; a terminal is told what the run waits
 * for; a Node parent's pipe (a socket) is never read unasked.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = join(process.cwd(), 'dist/bin/graph-doctor.js')
const folder = mkdtempSync(join(tmpdir(), 'graph-doctor-stdin-'))
const ENV = { ...process.env, NO_COLOR: '1', GRAPH_DOCTOR_CACHE_DIR: folder }
const DENIED = 'GET /v1.0/users HTTP/1.1\nHost: graph.microsoft.com\n\nHTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}\n'

let inputs = 0

/** Run with stdin redirected from a file, as `graph-doctor … < file` does. */
function withFileStdin(args: readonly string[], text: string): ReturnType<typeof spawnSync> {
  const path = join(folder, `in-${inputs++}.txt`)
  writeFileSync(path, text)
  const fd = openSync(path, 'r')
  try {
    return spawnSync(process.execPath, [BIN, ...args], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', env: ENV })
  } finally {
    closeSync(fd)
  }
}

test('a redirected or piped input is read without -: diagnose, aadsts, token', () => {
  const diagnosed = withFileStdin(['diagnose'], DENIED)
  assert.equal(diagnosed.status, 1, String(diagnosed.stderr))
  assert.match(String(diagnosed.stdout), /→ 403 \(stdin\)/)
  assert.match(String(diagnosed.stdout), /permission-missing/)
  const aadsts = withFileStdin(['aadsts'], 'AADSTS50076: Due to a configuration change made by your administrator')
  assert.equal(aadsts.status, 0, String(aadsts.stderr))
  assert.match(String(aadsts.stdout), /UserStrongAuthClientAuthNRequired/)
  const shell = spawnSync('/bin/sh', ['-c', `printf 'AADSTS65001' | "${process.execPath}" "${BIN}" aadsts`], { encoding: 'utf8', env: ENV })
  assert.equal(shell.status, 0, shell.stderr)
  assert.match(shell.stdout, /AADSTS65001/)
})

test('flags, or a Node parent\'s pipe, leave stdin alone: the usage error stands (near miss)', () => {
  const flags = withFileStdin(['diagnose', '--url', 'https://graph.microsoft.com/v1.0/users', '--status', '403'], DENIED)
  assert.equal(flags.status, 1)
  assert.match(String(flags.stdout), /→ 403 \(flags\)/)
  const socket = spawnSync(process.execPath, [BIN, 'diagnose'], { input: DENIED, encoding: 'utf8', env: ENV })
  assert.equal(socket.status, 2)
  assert.match(socket.stderr, /nothing to diagnose: give a FILE, - for stdin/)
  const devNull = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" token < /dev/null`], { encoding: 'utf8', env: ENV })
  assert.equal(devNull.status, 2)
  assert.match(devNull.stderr, /give a token, a file holding one, or - to read it from stdin/)
})

test('reading - from a terminal says what it waits for on stderr', { skip: !existsSync('/usr/bin/script') && 'no script(1) for a pseudo-terminal' }, () => {
  // The input (ending with Ctrl-D) goes through script(1) to the pseudo-terminal; the timeout only stops a hang.
  const run = spawnSync('/usr/bin/script', ['-qec', `"${process.execPath}" "${BIN}" aadsts -`, '/dev/null'], { input: 'AADSTS50076\n\x04', encoding: 'utf8', env: ENV, timeout: 60_000 })
  assert.equal(run.status, 0, run.stdout)
  assert.match(run.stdout, /reading stdin from the terminal: paste the input, then press Ctrl-D/)
  assert.match(run.stdout, /UserStrongAuthClientAuthNRequired/)
})

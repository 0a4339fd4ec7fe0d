/**
 * A real browser for tests: Debian's Chromium driven by playwright-core, headless, in a fresh
 * profile, without any of Chromium's own background traffic. Missing Chromium is a failure with the
 * command that installs it, never a silent skip (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] as const
/** Where browser tests put screenshots and other artefacts (gitignored). */
export const TEST_OUTPUT_DIR = resolve('test-output')

export const WEB_PAGE_PATH = resolve('dist/web/graph-doctor.html')
export const WEB_PAGE_URL = pathToFileURL(WEB_PAGE_PATH).href

/** A browser session: one persistent context in a throw-away profile. */
export interface BrowserSession {
  readonly context: BrowserContext
  /** Every request any page of the session made, in order (URL and resource type). */
  readonly requests: readonly Request[]
  newPage(): Promise<Page>
  close(): Promise<void>
}

/** Throws a clear error when Chromium is not installed. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing (${CHROMIUM_PATH}): browser tests need it. Install it with: apt-get update && apt-get install -y chromium (.ci/run does this)`)
  }
}

/**
 * Launch Chromium headless in a fresh --user-data-dir. Options are Playwright context options
 * (viewport, colour scheme, permissions).
 */
export async function openBrowser(options: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<BrowserSession> {
  requireChromium()
  const profile = mkdtempSync(join(tmpdir(), 'graph-doctor-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { ...options, executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] })
  const requests: Request[] = []
  context.on('request', (request) => requests.push(request))
  return {
    context,
    requests,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Build the web page (esbuild, about a second), so a test never runs against a stale or missing file. */
export function buildWebPage(): void {
  const result = spawnSync(process.execPath, ['scripts/build-web.mjs'], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`npm run build:web failed:\n${result.stderr}`)
}

/** A path under the test output folder, its folder created. */
export function testOutputPath(...parts: string[]): string {
  const path = join(TEST_OUTPUT_DIR, ...parts)
  mkdirSync(join(path, '..'), { recursive: true })
  return path
}

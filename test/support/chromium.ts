import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type ViewportSize } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's chromium: scripts/ensure-chromium.sh installs it when missing (CI runs as root). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The flags every e2e browser starts with. Playwright adds its own switches first
 * (playwright-core chromiumSwitches: --disable-background-networking, --disable-component-update,
 * --disable-sync, --no-first-run, --disable-back-forward-cache, and --headless / --no-sandbox from
 * the launch options), so the e2e files' lists differed only in what Playwright passes anyway —
 * delivery's shorter list lacked --disable-quic, --disable-component-update and --disable-sync,
 * and chrome://version shows the same command line for both apart from --disable-quic, which only
 * changes HTTPS (HTTP/3) traffic; every e2e page and collector here is plain HTTP on 127.0.0.1.
 * They are still listed, so a launch outside Playwright's defaults would behave the same.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu', // no GPU process on CI machines; software compositing like every run so far
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let ensured = false;
/** Installs chromium once per test process when it is missing (a few minutes the first time). */
export function ensureChromium(): void {
  if (ensured) return;
  execFileSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
  ensured = true;
}

export interface LaunchOptions {
  /** Prefix of the temporary profile directory (shows which test left one behind). */
  name?: string;
  /** Flags on top of {@link CHROMIUM_FLAGS}, for what one file needs and the others must not get. */
  extraFlags?: readonly string[];
  viewport?: ViewportSize;
}

/** A headless Chromium with a fresh profile of its own; close() also removes the profile. */
export interface LaunchedChromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a persistent context in a fresh temporary profile: real IndexedDB and
 * HTTP cache on disk (delivery's store and network's cache hit are read from them), nothing
 * shared between launches.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), `frametel-${options.name ?? 'e2e'}-chromium-`));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...(options.extraFlags ?? [])],
      ...(options.viewport ? { viewport: options.viewport } : {}),
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Builds the operator UI (out/renderer) once for the browser tests, through Vite's build() API, when it is missing
 * or older than any source it is made from. A lock directory keeps two test files from building at once.
 */
import { mkdirSync, rmSync, statSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const rendererOutDir = path.join(root, 'out/renderer');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const built = path.join(rendererOutDir, 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestSource(path.join(root, 'renderer')),
    newestSource(path.join(root, 'shared')),
    statSync(path.join(root, 'electron/shell/csp.ts')).mtimeMs,
  );
  return statSync(built).mtimeMs < sources;
}

/** Runs `work` while holding the build lock (out/ is shared by every build of the UI). */
export async function withRendererBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = path.join(root, 'out/.renderer-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function ensureRendererBuilt(): Promise<string> {
  await withRendererBuildLock(async () => {
    if (!rendererIsStale()) return;
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  });
  return rendererOutDir;
}

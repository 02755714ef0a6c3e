/**
 * The window loads the UI from our own `app://station/` scheme, not from file:// (Electron's security checklist):
 * a standard, secure origin for CSP 'self', module scripts and the PDF worker, and a handler that serves only files
 * under the built renderer folder. This module decides which file a request gets; main.ts registers the scheme.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
export const APP_RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The file under `rendererDir` an app:// request asks for, or null (wrong host, or outside the folder). */
export function rendererFileFor(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const root = path.resolve(rendererDir);
  const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

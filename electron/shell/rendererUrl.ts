/**
 * Which page the window loads. ELECTRON_RENDERER_URL (electron-vite's dev server) is for development only: in a
 * packaged app it would let anyone who can set an environment variable load their own page, and since IPC trusts
 * the renderer's origin (ipcSenderCheck.ts), hand that page the StationApi. Even in development only a dev server
 * on this computer is accepted.
 */
import { APP_RENDERER_URL } from './appProtocol';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function rendererUrlFor(input: { isPackaged: boolean; envUrl: string | undefined }): { url: string; ignored?: string } {
  const { isPackaged, envUrl } = input;
  if (!envUrl) return { url: APP_RENDERER_URL };
  if (isPackaged) return { url: APP_RENDERER_URL, ignored: 'ELECTRON_RENDERER_URL is ignored in a packaged app.' };
  let url: URL;
  try {
    url = new URL(envUrl);
  } catch {
    return { url: APP_RENDERER_URL, ignored: 'ELECTRON_RENDERER_URL is not a URL; ignored.' };
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) return { url: envUrl };
  return { url: APP_RENDERER_URL, ignored: 'ELECTRON_RENDERER_URL must be a dev server on this computer (http://localhost:…); ignored.' };
}

/**
 * IPC is answered only for our own page: the top frame of our window, loaded from our own renderer URL. A frame
 * that navigated elsewhere, or an iframe, gets nothing. Navigation and new windows are refused by the same rule.
 */
export interface SenderFrame {
  url: string;
  /** True when the frame is the top frame of its page. */
  isMainFrame: boolean;
}

/** The renderer is loaded from app://station (packaged), a file, or the dev server (electron-vite dev). */
export function isOwnRendererUrl(url: string, rendererUrl: string): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (actual.protocol !== expected.protocol) return false;
  if (expected.protocol === 'file:') return actual.pathname === expected.pathname;
  // Not URL.origin: for a custom scheme (app://) it is "null" for every URL.
  return actual.host === expected.host;
}

export function isTrustedSender(frame: SenderFrame | null | undefined, rendererUrl: string): boolean {
  return Boolean(frame && frame.isMainFrame && isOwnRendererUrl(frame.url, rendererUrl));
}

/** Links to the outside (help pages) open in the system browser; everything else is refused. */
export function externalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

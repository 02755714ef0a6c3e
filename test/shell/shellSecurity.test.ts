import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/shell/csp';
import { externalLinkAllowed, isOwnRendererUrl, isTrustedSender } from '../../electron/shell/ipcSenderCheck';

const packaged = 'file:///opt/Print%20Station/resources/app.asar/out/renderer/index.html';

describe('IPC is answered only for our own page', () => {
  it('accepts the top frame of our renderer, packaged or from the dev server', () => {
    expect(isTrustedSender({ url: packaged, isMainFrame: true }, packaged)).toBe(true);
    expect(isTrustedSender({ url: `${packaged}#queue`, isMainFrame: true }, packaged)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/queue', isMainFrame: true }, 'http://localhost:5173/')).toBe(true);
  });

  it('refuses iframes, other files, other origins and a missing frame', () => {
    expect(isTrustedSender({ url: packaged, isMainFrame: false }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, packaged)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSender(null, packaged)).toBe(false);
    expect(isOwnRendererUrl('not a url', packaged)).toBe(false);
  });

  it('opens only https links outside the app', () => {
    expect(externalLinkAllowed('https://docs.example/help')).toBe(true);
    expect(externalLinkAllowed('file:///etc/passwd')).toBe(false);
    expect(externalLinkAllowed('javascript:alert(1)')).toBe(false);
  });
});

describe('the content security policy', () => {
  it('allows only our own scripts, no eval, no plugins, no framing', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline[^;]*script/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ forMetaTag: true })).not.toContain('frame-ancestors');
  });
});

describe('the app:// scheme serves only the built UI', () => {
  const dir = '/opt/print-station/out/renderer';
  it('maps our URLs to files under the renderer folder', async () => {
    const { rendererFileFor, APP_RENDERER_URL } = await import('../../electron/shell/appProtocol');
    expect(rendererFileFor(APP_RENDERER_URL, dir)).toBe(`${dir}/index.html`);
    expect(rendererFileFor('app://station/assets/index-1.js', dir)).toBe(`${dir}/assets/index-1.js`);
    expect(rendererFileFor('app://station/', dir)).toBe(`${dir}/index.html`);
  });

  it('refuses other hosts and paths that climb out of the folder', async () => {
    const { rendererFileFor } = await import('../../electron/shell/appProtocol');
    expect(rendererFileFor('app://elsewhere/index.html', dir)).toBeNull();
    // The URL parser already folds encoded dots: this one stays inside the folder.
    expect(rendererFileFor('app://station/%2e%2e/%2e%2e/settings.json', dir)).toBe(`${dir}/settings.json`);
    expect(rendererFileFor('app://station/..%2F..%2Fetc/passwd', dir)).toBeNull();
    expect(rendererFileFor('file:///etc/passwd', dir)).toBeNull();
  });

  it('answers IPC only for the app://station page', () => {
    expect(isTrustedSender({ url: 'app://station/index.html', isMainFrame: true }, 'app://station/index.html')).toBe(true);
    expect(isTrustedSender({ url: 'app://other/index.html', isMainFrame: true }, 'app://station/index.html')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { APP_RENDERER_URL } from '../../electron/shell/appProtocol';
import { rendererUrlFor } from '../../electron/shell/rendererUrl';
import { secretStorageStatus } from '../../electron/shell/secretStorage';

describe('ELECTRON_RENDERER_URL (the dev server) is honoured only in development builds', () => {
  it('a packaged app always loads its own app:// page, whatever the environment says', () => {
    expect(rendererUrlFor({ isPackaged: true, envUrl: 'http://localhost:5173/' })).toEqual({
      url: APP_RENDERER_URL,
      ignored: expect.stringMatching(/packaged/),
    });
    expect(rendererUrlFor({ isPackaged: true, envUrl: 'https://evil.example/' }).url).toBe(APP_RENDERER_URL);
    expect(rendererUrlFor({ isPackaged: true, envUrl: undefined })).toEqual({ url: APP_RENDERER_URL });
  });

  it('a development build uses the dev server, on this computer only', () => {
    expect(rendererUrlFor({ isPackaged: false, envUrl: 'http://localhost:5173/' })).toEqual({ url: 'http://localhost:5173/' });
    expect(rendererUrlFor({ isPackaged: false, envUrl: 'http://127.0.0.1:5173/' }).url).toBe('http://127.0.0.1:5173/');
    expect(rendererUrlFor({ isPackaged: false, envUrl: 'http://printshop.example:5173/' }).url).toBe(APP_RENDERER_URL);
    expect(rendererUrlFor({ isPackaged: false, envUrl: 'file:///tmp/evil.html' }).url).toBe(APP_RENDERER_URL);
    expect(rendererUrlFor({ isPackaged: false, envUrl: 'not a url' }).url).toBe(APP_RENDERER_URL);
    expect(rendererUrlFor({ isPackaged: false, envUrl: undefined })).toEqual({ url: APP_RENDERER_URL });
  });
});

describe('how well the MongoDB URI is kept (Electron safeStorage)', () => {
  it('on Linux with the basic_text backend, says the URI is only obscured', () => {
    const status = secretStorageStatus({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' });
    expect(status).toMatchObject({ protected: false, level: 'obscured' });
    expect(status.message).toMatch(/only obscured/);
    expect(status.message).toMatch(/keyring|KWallet/);
  });

  it('with a real keyring or the OS keychain, says it is encrypted', () => {
    expect(secretStorageStatus({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret' })).toMatchObject({
      protected: true,
      level: 'keychain',
    });
    expect(secretStorageStatus({ platform: 'win32', encryptionAvailable: true })).toMatchObject({ protected: true, level: 'keychain' });
    expect(secretStorageStatus({ platform: 'darwin', encryptionAvailable: true })).toMatchObject({ protected: true, level: 'keychain' });
  });

  it('without any secret storage, says the URI is in plain text', () => {
    expect(secretStorageStatus({ platform: 'linux', encryptionAvailable: false })).toMatchObject({
      protected: false,
      level: 'plain',
      message: expect.stringMatching(/plain text/),
    });
  });
});

/**
 * How well the MongoDB connection string is kept at rest, as Settings and the log say it. Electron's safeStorage
 * uses DPAPI (Windows), the Keychain (macOS) or a keyring on Linux (libsecret, KWallet); on a Linux desktop without
 * a keyring it falls back to its `basic_text` backend, whose key is a constant: the string is then only obscured.
 */
import type { SecretStorageView } from '../../shared/stationSettings';

export function secretStorageStatus(input: {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  linuxBackend?: string;
}): SecretStorageView {
  if (!input.encryptionAvailable) {
    return {
      protected: false,
      level: 'plain',
      message:
        'This computer offers no secret storage: the MongoDB connection string is kept in the settings file in plain text. Use a database user that can only read and write the print collections.',
    };
  }
  if (input.platform === 'linux' && input.linuxBackend === 'basic_text') {
    return {
      protected: false,
      level: 'obscured',
      message:
        'No keyring (GNOME Keyring, KWallet) is running: the MongoDB connection string is only obscured in the settings file, not encrypted. Anyone who can read the file can recover it. Install or unlock a keyring, restart Print Station and save the settings again.',
    };
  }
  const where =
    input.platform === 'win32'
      ? 'Windows (DPAPI)'
      : input.platform === 'darwin'
        ? 'the macOS Keychain'
        : `the keyring (${input.linuxBackend ?? 'system'})`;
  return { protected: true, level: 'keychain', message: `The MongoDB connection string is encrypted by ${where}.` };
}

/**
 * Where the station keeps its settings. The Electron shell passes a secret codec (safeStorage) so the MongoDB URI
 * never sits on disk in clear text; headless mode keeps a plain JSON file next to its data (or only memory).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StoredSettings } from '../../../shared/stationSettings';

export interface SettingsStore {
  load(): Promise<StoredSettings | null>;
  save(settings: StoredSettings): Promise<void>;
}

export interface SecretCodec {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/** A headless station's console settings (PIN hash, operator names, printers): beside the journal in its data dir. */
export const consoleSettingsPath = (dataDir: string) => path.join(dataDir, 'console-settings.json');

export function memorySettingsStore(initial: StoredSettings | null = null): SettingsStore {
  let current = initial;
  return {
    load: async () => current,
    save: async (settings) => {
      current = settings;
    },
  };
}

/** A JSON file; the URI is sealed with the codec when one is given (`mongoUriSealed`). */
export function fileSettingsStore(file: string, codec?: SecretCodec): SettingsStore {
  return {
    async load() {
      let raw: string;
      try {
        raw = await readFile(file, 'utf8');
      } catch {
        return null;
      }
      const json = JSON.parse(raw) as Record<string, unknown>;
      if (typeof json.mongoUriSealed === 'string' && codec) json.mongoUri = codec.decrypt(json.mongoUriSealed);
      delete json.mongoUriSealed;
      return StoredSettings.parse(json);
    },
    async save(settings) {
      const { mongoUri, ...rest } = StoredSettings.parse(settings);
      const json = codec ? { ...rest, mongoUriSealed: codec.encrypt(mongoUri) } : { ...rest, mongoUri };
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // Write then rename: a crash mid-write must not leave half a settings file.
      const tmp = `${file}.tmp`;
      await writeFile(tmp, JSON.stringify(json, null, 2), { mode: 0o600 });
      await rename(tmp, file);
    },
  };
}

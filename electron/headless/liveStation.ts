/**
 * The headless station's current engine. Settings saved from the operator console apply at once, as on the
 * desktop: the next config is the start config with the saved settings over it (consoleSettings.ts), the old
 * engine stops ('settings changed': orders not yet at a spooler go back, jobs at the spooler are followed or left
 * to the journal), and a new engine over the same data dir, journal and printer folders takes over and settles
 * what the old one left, exactly as after a restart. Whoever holds the engine (the console, /metrics, the demo's
 * printer controls) follows it through onEngine; signal and last-line handlers stop whichever engine is current.
 */
import type { StoredSettings } from '../../shared/stationSettings';
import { Emitter } from '../../shared/emitter';
import { bootStation, stationDrivers, type BootedStation, type StationDrivers } from '../station/boot';
import { engineConfigChanged, type StationConfig } from '../station/config';
import type { StationEngine } from '../station/engine';
import type { PrinterDriver } from '../printing/driver';
import { consoleSettingsPath, fileSettingsStore, type SettingsStore } from '../station/service/settingsStore';
import type { StationApiService } from '../station/service/stationApiService';
import { applySettings, withConsoleSettings } from './consoleSettings';

export interface LiveStationOptions {
  /** From the config file, environment and flags (before any saved console settings). */
  startConfig: StationConfig;
  /** The config file it came from, named in the log line when saved settings win over it. */
  configFile?: string;
  version?: string;
  /** Check the indexes at the first start (default true). */
  migrate?: boolean;
}

export class LiveStation {
  private current: BootedStation;
  /** A line for the log at start: the saved settings decided the printers (or could not). */
  private readonly startNote: string | null;
  private readonly engines = new Emitter<StationEngine | null>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  /** Reads the console's saved settings from the data dir and builds the first engine on them. */
  static async open(options: LiveStationOptions): Promise<LiveStation> {
    const settingsFile = consoleSettingsPath(options.startConfig.dataDir);
    const where = { settingsFile, ...(options.configFile ? { configFile: options.configFile } : {}) };
    let saved: StoredSettings | null = null;
    let unreadable: string | null = null;
    try {
      saved = await fileSettingsStore(settingsFile).load();
    } catch (error) {
      unreadable = `The settings saved from the operator console (${settingsFile}) cannot be read, so the config file's printers and timings are used: ${(error as Error).message}`;
    }
    let { config, note } = withConsoleSettings(options.startConfig, saved, where);
    if (config !== options.startConfig) {
      // Saved on a computer with other printer drivers, say: the station starts on its config file rather than not at all.
      await driversCanBeMade(config).catch((error: Error) => {
        note = `The settings saved from the operator console (${settingsFile}) cannot run on this computer, so the config file's printers and timings are used: ${error.message}`;
        config = options.startConfig;
      });
    }
    return new LiveStation(options, config, unreadable ?? note);
  }

  private constructor(
    private readonly options: LiveStationOptions,
    private config: StationConfig,
    startNote: string | null,
  ) {
    this.startNote = startNote;
    this.current = bootStation({ config, version: options.version, migrate: options.migrate });
  }

  /** The running engine's log, for whoever logs across a console save (signals, the last line, the console). */
  readonly log = {
    info: (message: string) => this.engine.logger.info(message),
    warn: (message: string) => this.engine.logger.warn(message),
    error: (message: string) => this.engine.logger.error(message),
  };

  get engine(): StationEngine {
    return this.current.engine;
  }

  get drivers(): StationDrivers {
    return this.current.drivers;
  }

  /** null while one engine hands over to the next, then the next one, running. */
  onEngine(listener: (engine: StationEngine | null) => void): () => void {
    return this.engines.on(listener);
  }

  /**
   * The operator console's API on whichever engine runs now. Its settings (PIN hash, operator names, printers) outlive
   * a restart, beside the journal; a save applies at once (applySettings).
   */
  async consoleService(): Promise<StationApiService> {
    // Loaded on demand: a station without a console never loads the service.
    const { StationApiService } = await import('../station/service/stationApiService');
    const file = fileSettingsStore(consoleSettingsPath(this.engine.config.dataDir));
    // A headless station's database is its start command's (config file, MONGODB_URI, --mongodb-uri), whatever a
    // console saved: Settings shows the one in use.
    const database = { mongoUri: this.engine.config.mongodbUri, dbName: this.engine.config.dbName };
    const settingsStore: SettingsStore = {
      load: async () => {
        const saved = await file.load();
        return saved && { ...saved, ...database };
      },
      save: (settings) => file.save({ ...settings, ...database }),
    };
    const service = new StationApiService({
      engine: this.engine,
      settingsStore,
      applySettings: (settings) => this.applySettings(settings),
    });
    this.onEngine((engine) => service.setEngine(engine));
    return service;
  }

  async start(): Promise<void> {
    if (this.startNote) this.engine.logger.info(this.startNote);
    await this.current.start();
  }

  /**
   * The console saved its settings: run on them now. Refused with a sentence (nothing stopped) when the engine
   * could not run on them. The answer names what did not apply: the database stays the one the station started with.
   */
  applySettings(saved: StoredSettings): Promise<string | undefined> {
    return this.serial(async () => {
      if (this.stopping) return undefined;
      const next = applySettings(this.options.startConfig, saved);
      if (engineConfigChanged(this.config, next)) {
        await driversCanBeMade(next);
        await this.replace(next);
      }
      const start = this.options.startConfig;
      if (saved.mongoUri && (saved.mongoUri !== start.mongodbUri || saved.dbName !== start.dbName)) {
        return (
          `Settings saved. Printers and timings apply now; the database stays ${start.dbName} as this station was started ` +
          `(its config file, MONGODB_URI or --mongodb-uri): change it there and restart the station.`
        );
      }
      return undefined;
    });
  }

  /** Stops the current engine (signals, the last line of defence); a save still running finishes first. */
  stop(reason: string): Promise<void> {
    this.stopping = true;
    return this.serial(() => this.current.engine.stop(reason));
  }

  private async replace(next: StationConfig): Promise<void> {
    const previous = this.current;
    const previousConfig = this.config;
    this.engines.emit(null);
    await previous.engine.stop('settings changed');
    try {
      this.current = await this.boot(next);
      this.config = next;
    } catch (error) {
      // The station goes on as it was rather than not at all; the operator hears why.
      this.current = await this.boot(previousConfig);
      throw new Error(`The station could not start on the saved settings, so it runs on its previous ones: ${(error as Error).message}`);
    } finally {
      this.engines.emit(this.current.engine);
    }
  }

  private async boot(config: StationConfig): Promise<BootedStation> {
    // The drivers made by the caller, so a failed start closes them (a virtual printer folder has one live driver).
    const drivers = stationDrivers(config);
    let booted: BootedStation | undefined;
    try {
      booted = bootStation({ config, drivers, version: this.options.version, migrate: false });
      await booted.start();
      return booted;
    } catch (error) {
      if (booted) await booted.engine.stop('it did not start').catch(() => {});
      else await drivers.virtual?.close();
      throw error;
    }
  }

  private serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => {});
    return run;
  }
}

/** Refuses, before the running engine stops, printers whose driver this computer does not have (a Windows spooler on Linux). */
async function driversCanBeMade(config: StationConfig): Promise<void> {
  const real = { ...config, printers: config.printers.filter((p) => p.driver !== 'virtual') };
  const drivers = stationDrivers(real);
  const made = new Set<PrinterDriver>();
  try {
    for (const printer of real.printers) made.add(drivers.driverFor(printer));
  } finally {
    await Promise.all([...made].map((d) => d.close?.().catch(() => {})));
  }
}

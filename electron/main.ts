/**
 * The Electron shell, kept thin: the composition root of the desktop app. It builds the engine from the saved
 * settings, serves the StationApi to our own window over IPC, and does the desktop things: tray, notifications,
 * start on login, single instance, close to tray. Every decision worth testing lives in electron/shell/*.ts.
 */
import { app, BrowserWindow, ipcMain, Menu, nativeImage, net, Notification, protocol, safeStorage, session, shell, Tray } from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IPC_PUSH_CHANNEL, STATION_METHOD_NAMES, ipcChannel, type StationSnapshot } from '../shared/stationApi';
import type { OperatorLanguage, StoredSettings } from '../shared/stationSettings';
import type { UpdateDecision } from '../shared/updatePolicy';
import { discoverForSettings } from './printing/discovery';
import { createDriver, platformDriverKind } from './printing/driverFactory';
import type { ElectronPrintApi } from './printing/electronHtmlDriver';
import { APP_SCHEME, rendererFileFor } from './shell/appProtocol';
import { contentSecurityPolicy } from './shell/csp';
import { externalLinkAllowed, isOwnRendererUrl, isTrustedSender } from './shell/ipcSenderCheck';
import { launchMode } from './shell/launchMode';
import { NotificationGate } from '../shared/notificationRules';
import { noticeWordsIn } from '../renderer/src/i18n/noticeWords';
import { notificationLanguage } from './shell/notificationLanguage';
import { rendererUrlFor } from './shell/rendererUrl';
import { secretStorageStatus } from './shell/secretStorage';
import { stationConfigFromSettings } from './station/stationConfigFromSettings';
import { trayMenu, type TrayAction } from './shell/trayMenu';
import { startUpdater, type Updater } from './shell/updater';
import { trayIconName, trayState, trayTooltip } from './shell/worstPrinterState';
import { setXdgAutostart } from './shell/xdgAutostart';
import { engineConfigChanged, parseStationConfig } from './station/config';
import { bootStation } from './station/boot';
import type { StationEngine } from './station/engine';
import { fileSettingsStore, type SecretCodec } from './station/service/settingsStore';
import { StationApiService } from './station/service/stationApiService';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '../renderer');
// The dev server only in a development build: the renderer's origin is what IPC trusts.
const RENDERER = rendererUrlFor({ isPackaged: app.isPackaged, envUrl: process.env.ELECTRON_RENDERER_URL });
const RENDERER_URL = RENDERER.url;
const PRINT_SESSION = 'print-html';
const PRELOAD = path.join(here, '../preload/preload.cjs');
const TRAY_ICONS = app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(here, '../../build/tray');
const OPERATOR = { source: 'operator' as const, adminId: 'tray menu' };

// Tests (and a second profile on one PC) point the app at another settings folder.
if (process.env.PRINT_STATION_USER_DATA) app.setPath('userData', process.env.PRINT_STATION_USER_DATA);
log.initialize();
if (RENDERER.ignored) log.warn(RENDERER.ignored);
// Windows shows toast notifications only for an app id it knows: the installer's appId (electron-builder.yml).
if (process.platform === 'win32') app.setAppUserModelId('shop.printstation.desktop');
let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let engine: StationEngine | null = null;
let quitting = false;
let settingsNow: StoredSettings | null = null;
/** The language the operator picked in the console (saved with the settings): the OS notifications speak it. */
let operatorLanguage: OperatorLanguage | undefined;
let updater: Updater | null = null;
let updateNotice: UpdateDecision | null = null;
const notifications = new NotificationGate();

// Before ready: app:// is a standard, secure scheme (its own origin for CSP, modules and workers).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const LAUNCH = launchMode(process.argv, { defaultApp: Boolean(process.defaultApp) });
if (LAUNCH.kind === 'version') {
  process.stdout.write(`${app.getVersion()}\n`);
  app.exit(0);
} else if (LAUNCH.kind === 'headless') {
  runHeadless(LAUNCH.stationArgs);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.whenReady().then(start, (error) => log.error('Print Station could not start', error));
}

async function start(): Promise<void> {
  hardenSessions();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, RENDERER_DIR);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    // The CSP as a header too (the meta tag cannot carry frame-ancestors).
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    return new Response(response.body, { status: response.status, headers });
  });
  const secretStorage = secretStorageStatus({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
  });
  if (!secretStorage.protected) log.warn(secretStorage.message);
  const settingsStore = fileSettingsStore(path.join(app.getPath('userData'), 'settings.json'), secretCodec());
  const service: StationApiService = new StationApiService({
    engine: null,
    settingsStore,
    secretStorage,
    canStartOnLogin: true,
    discoverPrinters: discoverPrinters,
    applySettings: (settings): Promise<void> => runEngine(service, settings),
    // Only the notifications' words change: no engine rebuild.
    onOperatorLanguage: (locale) => {
      operatorLanguage = locale;
    },
  });
  for (const method of STATION_METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), (event, params: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null }, RENDERER_URL)) {
        log.warn(`Refused IPC ${method} from ${frame?.url ?? 'an unknown frame'}`);
        throw new Error('Refused: not the Print Station window');
      }
      // Each window is its own client for the PIN lockout.
      return service.invoke(method, params, `desktop window #${event.sender.id}`);
    });
  }
  service.subscribe((push) => window?.webContents.send(IPC_PUSH_CHANNEL, push));
  createTray(service);
  const settings = await settingsStore.load();
  operatorLanguage = settings?.locale;
  if (settings) await runEngine(service, settings).catch((error) => log.error('The station did not start', error));
  if (app.isPackaged) updater = startBackgroundUpdates(service);
  if (!(LAUNCH.kind === 'desktop' && LAUNCH.hidden) || !settings?.mongoUri) showWindow();
}

/**
 * `--headless`: the headless station's own command line (config file, environment, --web), no window and no tray,
 * beside a desktop instance if there is one (its own data dir, so no single-instance lock).
 */
function runHeadless(stationArgs: string[]): void {
  app.dock?.hide();
  void import('./headless/stationCli').then(({ runFromCommandLine }) =>
    runFromCommandLine(stationArgs, { version: app.getVersion(), rendererDir: RENDERER_DIR }, () =>
      app.exit(Number(process.exitCode ?? 0)),
    ),
  );
}

/** While the engine is rebuilt there is no snapshot, yet the old engine may follow a job: no update installs then. */
let rebuilding = 0;
async function runEngine(service: StationApiService, settings: StoredSettings): Promise<void> {
  rebuilding += 1;
  try {
    await rebuildEngine(service, settings);
  } finally {
    rebuilding -= 1;
  }
}

/** (Re)builds the engine from the settings; the old one releases what it has not sent to a printer. */
async function rebuildEngine(service: StationApiService, settings: StoredSettings): Promise<void> {
  settingsNow = settings;
  await setStartOnLogin(settings.startOnLogin).catch((error) => log.warn('Start on login not changed', error));
  const input = stationConfigFromSettings(settings, path.join(app.getPath('userData'), 'station'));
  const config = input ? parseStationConfig(input) : undefined;
  if (engine && config && !engineConfigChanged(engine.config, config)) return;
  const previous = engine;
  engine = null;
  service.setEngine(null);
  await previous?.stop('settings changed');
  if (!config) return;
  const station = bootStation({ config, version: app.getVersion(), electron: { api: electronPrintApi } });
  const next = station.engine;
  next.onSnapshot((snapshot) => {
    updateTray(service, snapshot);
    updater?.decide();
  });
  next.onEvent((event) => {
    const n = notifications.admit(event, noticeWordsIn(notificationLanguage(operatorLanguage, app.getLocale())));
    if (n && Notification.isSupported()) {
      const note = new Notification({ title: n.title, body: n.body, urgency: n.urgent ? 'critical' : 'normal' });
      note.on('click', () => showWindow());
      note.show();
    }
  });
  // Indexes first (idempotent); a station that cannot reach the database yet starts anyway and catches up.
  await station.start();
  engine = next;
  service.setEngine(next);
  updateTray(service, next.snapshot());
}

function showWindow(): void {
  if (window) {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    return;
  }
  window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Print Station',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window?.show());
  // Close to tray: printing goes on; Quit is in the tray menu.
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window?.hide();
  });
  window.on('closed', () => (window = null));
  void window.loadURL(RENDERER_URL);
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // The HTML print window loads a page from the internet: its session makes no request but the page itself
  // (the page also carries PRINT_PAGE_CSP, see electronHtmlDriver.ts).
  const printSession = session.fromPartition(PRINT_SESSION);
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (externalLinkAllowed(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isOwnRendererUrl(url, RENDERER_URL)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function createTray(service: StationApiService): void {
  tray = new Tray(nativeImage.createFromPath(path.join(TRAY_ICONS, 'idle.png')));
  tray.on('click', () => showWindow());
  updateTray(service, null);
}

let trayKey = '';
function updateTray(service: StationApiService, snapshot: StationSnapshot | null): void {
  if (!tray) return;
  const state = trayState(snapshot);
  const model = trayMenu(snapshot, updateNotice);
  const key = JSON.stringify([state, model]);
  if (key === trayKey) return; // snapshots come often; rebuild only when something shown changed
  trayKey = key;
  tray.setImage(nativeImage.createFromPath(path.join(TRAY_ICONS, `${trayIconName(state)}.png`)));
  tray.setToolTip(trayTooltip(state, snapshot?.station.name ?? ''));
  const run: Record<TrayAction, () => void> = {
    open: () => showWindow(),
    pauseAll: () => void service.api.pauseAll({ operator: { name: OPERATOR.adminId } }),
    resumeAll: () => void service.api.resumeAll({ operator: { name: OPERATOR.adminId } }),
    quit: () => app.quit(),
  };
  tray.setContextMenu(
    Menu.buildFromTemplate(
      model.map((item) =>
        item.kind === 'separator'
          ? { type: 'separator' as const }
          : item.kind === 'status'
            ? { label: item.label, enabled: false }
            : { label: item.label, enabled: item.enabled, click: run[item.id] },
      ),
    ),
  );
}

/** Downloads in the background; installs only when the update policy says nothing would be cut (shell/updater.ts). */
function startBackgroundUpdates(service: StationApiService): Updater {
  return startUpdater({
    updater: electronUpdater.autoUpdater,
    feedUrl: () => settingsNow?.updates.feedUrl ?? '',
    quietHours: () => settingsNow?.updates.quietHours ?? null,
    snapshot: () => engine?.snapshot() ?? null,
    stationRestarting: () => rebuilding > 0,
    onDecision: (decision) => {
      updateNotice = decision;
      updateTray(service, engine?.snapshot() ?? null);
    },
    // before-quit stops the engine gracefully; the window must not hold the quit back by hiding to the tray.
    install: () => {
      quitting = true;
      electronUpdater.autoUpdater.quitAndInstall(false, true);
    },
    log: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
  });
}

async function setStartOnLogin(enabled: boolean): Promise<void> {
  if (!app.isPackaged) return; // a development build must not register itself
  if (process.platform === 'linux') await setXdgAutostart(enabled, process.env.APPIMAGE ?? process.execPath);
  else app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
}

/** The MongoDB URI is sealed with the OS keychain (DPAPI, Keychain, libsecret). */
function secretCodec(): SecretCodec | undefined {
  if (!safeStorage.isEncryptionAvailable()) {
    log.warn('safeStorage is not available: the MongoDB URI is kept in the settings file unencrypted');
    return undefined;
  }
  return {
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

/** Chromium's printing for HTML jobs (labels, slips), in a hidden window with no script and no preload. */
const electronPrintApi: ElectronPrintApi = {
  getPrintersAsync: () => printWindow((w) => w.webContents.getPrintersAsync()),
  printHtml: (html, options) =>
    printWindow(async (w) => {
      await w.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return new Promise((resolve) => w.webContents.print(options, (success, failureReason) => resolve({ success, failureReason })));
    }),
};

async function printWindow<T>(use: (w: BrowserWindow) => Promise<T>): Promise<T> {
  const w = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, javascript: false, partition: PRINT_SESSION },
  });
  try {
    return await use(w);
  } finally {
    w.destroy();
  }
}

/** Printers offered in Settings and onboarding: the platform spooler's list plus printers announced by DNS-SD. */
async function discoverPrinters() {
  // The platform's spooler driver, made the way listPrinters (--list-printers) makes it; printing uses boot.ts' stationDrivers.
  const kind = platformDriverKind();
  const system = kind ? createDriver(kind) : undefined;
  try {
    return await discoverForSettings(system);
  } finally {
    await system?.close?.();
  }
}

// Quit (tray menu, OS shutdown): let the engine release orders it has not sent, then really quit.
app.on('before-quit', (event) => {
  if (quitting && !engine) return;
  quitting = true;
  if (!engine) return;
  event.preventDefault();
  const stopping = engine;
  engine = null;
  stopping
    .stop('quit')
    .catch((error) => log.error('Engine stop failed', error))
    .finally(() => app.quit());
});
app.on('window-all-closed', () => {
  // Stay in the tray.
});

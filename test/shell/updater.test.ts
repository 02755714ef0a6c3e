/** The desktop's update wiring with a stand-in for electron-updater: it downloads in the background and installs once idle. */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startUpdater, type AppUpdaterLike, type Updater } from '../../electron/shell/updater';
import type { UpdateDecision } from '../../shared/updatePolicy';
import { StoredSettings } from '../../shared/stationSettings';
import { fakePrinter, FakeStationEngine } from '../helpers/fakeStationEngine';

class FakeAppUpdater extends EventEmitter implements AppUpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feeds: unknown[] = [];
  checks = 0;
  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }
  async checkForUpdates(): Promise<unknown> {
    this.checks++;
    return null;
  }
}

const running: Updater[] = [];
afterEach(() => running.splice(0).forEach((u) => u.stop()));

function wire(feedUrl = '') {
  const app = new FakeAppUpdater();
  const engine = new FakeStationEngine();
  engine.printers = [fakePrinter({ name: 'Counter', state: 'printing' })];
  const decisions: UpdateDecision[] = [];
  let installs = 0;
  const updater = startUpdater({
    updater: app,
    feedUrl: () => feedUrl,
    quietHours: () => null,
    snapshot: () => engine.snapshot(),
    stationRestarting: () => false,
    install: () => installs++,
    onDecision: (d) => decisions.push(d),
    log: { info: () => {}, warn: () => {} },
  });
  running.push(updater);
  return { app, engine, decisions, updater, installs: () => installs };
}

describe('the desktop updater', () => {
  it('downloads in the background from the feed in Settings, or the one the installer was built with', () => {
    const fromSettings = wire('https://updates.shop.example/ps/');
    expect(fromSettings.app).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, checks: 1 });
    expect(fromSettings.app.feeds).toEqual([{ provider: 'generic', url: 'https://updates.shop.example/ps/' }]);
    expect(wire('').app.feeds).toEqual([]);
  });

  it('holds a downloaded update while a printer prints, tells the tray why, and installs once it is idle', () => {
    const { app, engine, decisions, updater, installs } = wire();
    app.emit('update-downloaded', { version: '0.2.0' });
    expect(decisions.at(-1)).toEqual({ version: '0.2.0', install: false, reason: 'Update 0.2.0 waits: printer Counter is printing.' });
    expect(installs()).toBe(0);

    engine.printers = [fakePrinter({ name: 'Counter', state: 'ready' })];
    expect(updater.decide().install).toBe(true);
    updater.decide();
    expect(installs()).toBe(1);
  });

  it('keeps the feed and the quiet hour in the settings file; an older file reads with none', () => {
    expect(StoredSettings.parse({}).updates).toEqual({ feedUrl: '', quietHours: null });
    const saved = StoredSettings.parse({
      updates: { feedUrl: 'https://updates.shop.example/ps/', quietHours: { from: '22:00', to: '06:00' } },
    });
    expect(saved.updates.quietHours).toEqual({ from: '22:00', to: '06:00' });
    expect(StoredSettings.safeParse({ updates: { feedUrl: 'file:///etc', quietHours: null } }).success).toBe(false);
  });
});

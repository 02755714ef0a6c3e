/**
 * The desktop app's command line (issue 12): the installed app is also the print server's station. `--headless`
 * runs the same engine as `node out/headless/station.js`, with the same options, and no window or tray.
 */
import { describe, expect, it } from 'vitest';
import { launchMode } from '../../electron/shell/launchMode';

const installed = (...args: string[]) =>
  launchMode(['C:\\Program Files\\Print Station\\Print Station.exe', ...args], { defaultApp: false });
const fromCheckout = (...args: string[]) =>
  launchMode(['/repo/node_modules/electron/dist/electron', '/repo', ...args], { defaultApp: true });

describe('the desktop app reads its command line', () => {
  it('with nothing on it opens the window; started at log-in (--hidden) it stays in the tray', () => {
    expect(installed()).toEqual({ kind: 'desktop', hidden: false });
    expect(installed('--hidden')).toEqual({ kind: 'desktop', hidden: true });
    expect(fromCheckout()).toEqual({ kind: 'desktop', hidden: false });
  });

  it('--headless runs the station without a window, handing every other option to the headless command line', () => {
    expect(installed('--headless', '--config', 'C:\\ProgramData\\Print Station\\station.json', '--web', '7070')).toEqual({
      kind: 'headless',
      stationArgs: ['--config', 'C:\\ProgramData\\Print Station\\station.json', '--web', '7070'],
    });
    // Anywhere on the line, as a service manager may put it after the options.
    expect(installed('--config', 'station.json', '--headless')).toEqual({ kind: 'headless', stationArgs: ['--config', 'station.json'] });
    // Run from a checkout (`electron .`), the app's folder is not an option.
    expect(fromCheckout('--headless', '--help')).toEqual({ kind: 'headless', stationArgs: ['--help'] });
  });

  it("Chromium's own switches and the log-in flag are not taken for station options (the station refuses unknown ones)", () => {
    expect(
      installed('--no-sandbox', '--headless', '--ozone-platform=headless', '--disable-gpu', '--hidden', '--name', 'Back office'),
    ).toEqual({
      kind: 'headless',
      stationArgs: ['--name', 'Back office'],
    });
    expect(
      launchMode(['/Applications/Print Station.app/Contents/MacOS/Print Station', '-psn_0_12345', '--headless'], { defaultApp: false }),
    ).toEqual({
      kind: 'headless',
      stationArgs: [],
    });
  });

  it('--version (or -v) prints the version and quits, with or without --headless', () => {
    expect(installed('--version')).toEqual({ kind: 'version' });
    expect(installed('-v')).toEqual({ kind: 'version' });
    // With --headless the station's own command line answers it, with the app's version.
    expect(installed('--headless', '--version')).toEqual({ kind: 'headless', stationArgs: ['--version'] });
  });
});

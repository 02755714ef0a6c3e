/**
 * What the desktop app was started to do, read from its command line: the window (and tray), the version, or the
 * headless station (`--headless`), so a print server can use the same installer as a desk PC. Pure: main.ts wires it.
 */

export type LaunchMode =
  /** The window and tray; `hidden` when started at log-in (the login item passes --hidden). */
  | { kind: 'desktop'; hidden: boolean }
  /** The headless station's command line (stationCli.ts) with these options: same engine, no window, no tray. */
  | { kind: 'headless'; stationArgs: string[] }
  | { kind: 'version' };

/**
 * Switches the app may be given that are not the station's: Chromium's and Electron's own (a service wrapper or a
 * desktop shortcut may add them), our log-in flag, and macOS's process serial number. The headless command line
 * refuses options it does not know, so these are left out of what it gets.
 */
const NOT_STATION_OPTIONS = [
  /^--hidden$/,
  /^--no-sandbox$/,
  /^--disable-gpu$/,
  /^--disable-dev-shm-usage$/,
  /^--enable-logging(=.*)?$/,
  /^--ozone-platform(-hint)?=.*$/,
  /^--inspect(-brk)?(=.*)?$/,
  /^--remote-debugging-port=.*$/,
  /^--v(module)?=.*$/,
  /^-psn_/,
];

/**
 * `argv` is process.argv; `defaultApp` is Electron's process.defaultApp (true when run as `electron <folder>` from a
 * checkout, where argv[1] is the app's folder rather than an option).
 */
export function launchMode(argv: readonly string[], { defaultApp }: { defaultApp: boolean }): LaunchMode {
  const args = argv.slice(defaultApp ? 2 : 1);
  if (args.includes('--headless')) {
    return {
      kind: 'headless',
      stationArgs: args.filter((arg) => arg !== '--headless' && !NOT_STATION_OPTIONS.some((pattern) => pattern.test(arg))),
    };
  }
  if (args.includes('--version') || args.includes('-v')) return { kind: 'version' };
  return { kind: 'desktop', hidden: args.includes('--hidden') };
}

/**
 * Start on login for Linux desktops: an XDG autostart entry (~/.config/autostart/<app>.desktop). Windows and macOS
 * use app.setLoginItemSettings instead (main.ts). The app is started with --hidden so it goes straight to the tray.
 */
import { mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function autostartFile(env: NodeJS.ProcessEnv = process.env, home = os.homedir(), appId = 'print-station'): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'autostart', `${appId}.desktop`);
}

/** Quotes an Exec argument per the Desktop Entry spec (spaces, quotes and backslashes). */
function quoteExecArg(arg: string): string {
  if (!/[\s"'\\`$]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function desktopEntry(execPath: string, args: string[] = ['--hidden']): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Print Station',
    'Comment=Prints the shop’s paid orders',
    `Exec=${[execPath, ...args].map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function setXdgAutostart(enabled: boolean, execPath: string, file = autostartFile()): Promise<void> {
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, desktopEntry(execPath), { mode: 0o644 });
}

export async function isXdgAutostartEnabled(file = autostartFile()): Promise<boolean> {
  try {
    return /X-GNOME-Autostart-enabled=true/.test(await readFile(file, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * The systemd unit for the headless station (issue 12, build/linux/print-station.service): systemd itself checks it
 * (`systemd-analyze verify`: no unknown key, no bad value, the command exists), its hardening is judged by
 * `systemd-analyze security`, and what the README promises (path, user, data dir, restarts, journald) is in it.
 * Without systemd-analyze the checks skip and say so; under CI they fail instead (.ci/run installs systemd).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const unitFile = path.join(root, 'build/linux/print-station.service');
const unit = readFileSync(unitFile, 'utf8');
const analyze = (process.env.PATH ?? '')
  .split(path.delimiter)
  .map((dir) => path.join(dir, 'systemd-analyze'))
  .find((file) => existsSync(file));
const inCi = ['1', 'true', 'yes'].includes((process.env.CI ?? '').toLowerCase());
const missing = analyze ? undefined : 'systemd-analyze is not installed here (Debian: apt-get install systemd)';
const needsAnalyze = (name: string) => (missing && !inCi ? `${name} (skipped: ${missing})` : name);

/** Every setting of the unit's [Service] section, key → values. */
function serviceSettings(): Map<string, string[]> {
  const section = /^\[Service\]\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(unit)?.[1] ?? '';
  const settings = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match) settings.set(match[1]!, [...(settings.get(match[1]!) ?? []), match[2]!]);
  }
  return settings;
}

describe('the headless station as a systemd service', () => {
  it.skipIf(missing && !inCi)(needsAnalyze('systemd-analyze verify accepts the unit without a warning'), async () => {
    if (!analyze) throw new Error(`CI must verify the systemd unit, but ${missing}.`);
    const { stdout, stderr } = await run(analyze, ['verify', unitFile], { timeout: 60_000 }).catch(
      (error: { stdout: string; stderr: string }) => {
        throw new Error(`systemd-analyze verify refused the unit:\n${error.stderr}${error.stdout}`);
      },
    );
    // Unknown keys and bad values are only warnings (exit 0): any line about our unit is a failure.
    expect(`${stdout}${stderr}`.split('\n').filter((line) => line.includes('print-station.service'))).toEqual([]);
  });

  it.skipIf(missing && !inCi)(needsAnalyze("systemd-analyze security rates the unit's exposure low (under 3.0 of 10)"), async () => {
    if (!analyze) throw new Error(`CI must judge the systemd unit's hardening, but ${missing}.`);
    const result = await run(analyze, ['security', '--offline=yes', '--threshold=30', '--no-pager', unitFile], { timeout: 60_000 }).catch(
      (error: { stdout: string }) => {
        throw new Error(`systemd-analyze security rates the unit too exposed:\n${error.stdout.split('\n').slice(-3).join('\n')}`);
      },
    );
    expect(result.stdout).toMatch(/Overall exposure level for print-station\.service: [0-2]\.\d/);
  });

  it('runs the built station with Node as its own user, data in /var/lib/print-station, restarted on failure, logging to journald', () => {
    const s = serviceSettings();
    expect(s.get('ExecStart')).toEqual([
      '/usr/bin/node /opt/print-station/out/headless/station.js --config /etc/print-station/station.json --data-dir /var/lib/print-station',
    ]);
    expect(s.get('User')).toEqual(['print-station']);
    expect(s.get('StateDirectory')).toEqual(['print-station']);
    expect(s.get('Restart')).toEqual(['on-failure']);
    // A refused option or config (exit 2) is not mended by a restart.
    expect(s.get('RestartPreventExitStatus')).toEqual(['2']);
    expect(s.get('StandardOutput')).toEqual(['journal']);
    expect(s.get('StandardError')).toEqual(['journal']);
    expect(s.get('NoNewPrivileges')).toEqual(['yes']);
    expect(s.get('ProtectSystem')).toEqual(['strict']);
  });

  it('the README documents the paths the unit uses', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const p of [
      '/opt/print-station',
      '/etc/print-station/station.json',
      '/var/lib/print-station',
      'build/linux/print-station.service',
    ])
      expect(readme).toContain(p);
  });
});

/**
 * Network namespaces for the driverless-IPP and DNS-SD tests (DESIGN §9). mDNS is multicast: everything that
 * speaks it runs inside namespaces made here, joined by veth pairs with addresses of our own (10.231.x.y/30), so no
 * packet reaches the machine's real interfaces. A "DNS-SD box" is one namespace running, under its own PID and
 * mount namespace (tmpfs on /run, so its dbus is private): dbus, avahi limited to the given interfaces, and one
 * command. Killing the box's unshare process (by pid, SIGKILL) kills everything in it; namespaces and links are deleted by name.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

/** What this machine lacks to run DNS-SD boxes; empty when everything is there. */
export function missingNamespacePieces(extra: Array<[string, string]> = []): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (network namespaces and veth pairs need it; run the tests as root)');
  for (const [tool, pkg] of [
    ['ip', 'iproute2'],
    ['unshare', 'util-linux'],
    ['dbus-daemon', 'dbus'],
    ['avahi-daemon', 'avahi-daemon'],
    ...extra,
  ] as const) {
    if (!findExecutable(tool)) missing.push(`${tool} (Debian package "${pkg}")`);
  }
  return missing;
}

export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  return dirs.map((d) => path.join(d, name)).find((p) => existsSync(p));
}

export async function sh(command: string, args: string[]): Promise<string> {
  const { stdout } = await run(command, args, { timeout: 20_000 });
  return stdout;
}

/** A /30 of our own that no interface on the machine uses yet: .1 and .2 are the two ends. */
export async function freeSubnet(): Promise<{ a: string; b: string }> {
  const used = await sh('ip', ['-o', '-4', 'addr', 'show']).catch(() => '');
  for (let tries = 0; tries < 200; tries++) {
    const third = 1 + Math.floor(Math.random() * 250);
    const fourth = 4 * Math.floor(Math.random() * 60);
    const base = `10.231.${third}.`;
    if (!used.includes(`${base}${fourth + 1}/`) && !used.includes(`${base}${fourth + 2}/`))
      return { a: `${base}${fourth + 1}`, b: `${base}${fourth + 2}` };
  }
  throw new Error('no free 10.231.0.0/16 subnet for a test veth pair');
}

/** Short unique names (interface names are at most 15 characters). */
export function uniqueTag(): string {
  return `${process.pid % 10000}${Math.random().toString(36).slice(2, 6)}`;
}

export class Namespaces {
  private readonly namespaces: string[] = [];
  private readonly links: Array<{ ns?: string; name: string }> = [];

  async add(name: string): Promise<string> {
    await sh('ip', ['netns', 'add', name]);
    this.namespaces.push(name);
    await sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  /** A veth pair: end `a` in namespace `a.ns` (or the machine's own when absent), end `b` in `b.ns`. */
  async link(a: { ns?: string; name: string; address: string }, b: { ns: string; name: string; address: string }): Promise<void> {
    await sh('ip', ['link', 'add', a.name, 'type', 'veth', 'peer', 'name', b.name]);
    this.links.push({ name: a.name });
    for (const end of [a, b]) {
      if (end.ns) await sh('ip', ['link', 'set', end.name, 'netns', end.ns]);
      const ipIn = end.ns ? ['-n', end.ns] : [];
      await sh('ip', [...ipIn, 'addr', 'add', `${end.address}/30`, 'dev', end.name]);
      await sh('ip', [...ipIn, 'link', 'set', end.name, 'up']);
    }
    this.links[this.links.length - 1]!.ns = a.ns;
  }

  /** Deletes what was made, by name; a namespace whose processes are still exiting is deleted all the same. */
  async cleanup(): Promise<void> {
    for (const link of this.links.splice(0))
      await sh('ip', [...(link.ns ? ['-n', link.ns] : []), 'link', 'del', link.name]).catch(() => undefined);
    for (const ns of this.namespaces.splice(0)) await sh('ip', ['netns', 'del', ns]).catch(() => undefined);
  }
}

export interface DnsSdBox {
  child: ChildProcess;
  output(): string;
  /** Waits until the output contains `text` (or the box exits). */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts dbus + avahi (only on `avahiInterfaces`; none means avahi sends nothing) and then `command` in namespace
 * `ns`. The command's stdout and stderr are collected; stop() kills the box by its own pid.
 */
export async function startDnsSdBox(options: { ns: string; dir: string; avahiInterfaces: string[]; command: string[] }): Promise<DnsSdBox> {
  const avahiConf = path.join(options.dir, 'avahi-daemon.conf');
  await writeFile(
    avahiConf,
    [
      '[server]',
      'use-ipv4=yes',
      'use-ipv6=no',
      // An interface that does not exist when none is wanted: avahi then has nowhere to send.
      `allow-interfaces=${options.avahiInterfaces.join(',') || 'ps-none0'}`,
      'enable-dbus=yes',
      'ratelimit-interval-usec=1000000',
      'ratelimit-burst=1000',
      '[wide-area]',
      'enable-wide-area=no',
      '[publish]',
      'publish-hinfo=no',
      'publish-workstation=no',
      '[reflector]',
      'enable-reflector=no',
      '',
    ].join('\n'),
  );
  const script = [
    'set -e',
    'mount -t tmpfs tmpfs /run',
    'mkdir -p /run/dbus /run/avahi-daemon',
    'dbus-daemon --system --fork --nopidfile',
    `avahi-daemon -f ${quote(avahiConf)} --no-drop-root --no-chroot --no-rlimits -D`,
    'i=0; until avahi-daemon -c; do i=$((i+1)); [ $i -gt 100 ] && { echo "avahi did not start" >&2; exit 1; }; sleep 0.1; done',
    'echo dnssd-box-ready',
    options.command.map(quote).join(' '),
  ].join('\n');
  // --pid --fork --kill-child: the script is PID 1 of its own PID namespace, so when unshare dies, all of it dies.
  const child = spawn(
    'ip',
    ['netns', 'exec', options.ns, 'unshare', '--mount', '--pid', '--fork', '--kill-child', '--mount-proc', 'sh', '-c', script],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    async waitForOutput(wanted, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      const seen = () => (typeof wanted === 'string' ? text.includes(wanted) : wanted.test(text));
      while (!seen()) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`the DNS-SD box in ${options.ns} exited before printing ${String(wanted)}:\n${text}`);
        if (Date.now() > deadline)
          throw new Error(`the DNS-SD box in ${options.ns} did not print ${String(wanted)} within ${timeoutMs} ms:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      // unshare ignores SIGTERM while it waits for its child; SIGKILL it, and --kill-child then kills the box's PID 1,
      // which takes every process of its PID namespace with it.
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
      await exited;
    },
  };
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

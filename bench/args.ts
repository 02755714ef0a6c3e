/**
 * The few flags the benchmarks take (`--json`, `--samples 50`, `--poll-ms=2000`), and the output sink they write
 * to, so the smoke tests can run a bench in-process and read what it printed; and the start idle and pickup share
 * (flags, test server, progress log).
 */
import { pathToFileURL } from 'node:url';
import { startTestServer, type TestServer } from '../test/testDatabase';

export interface BenchArgs {
  has(flag: string): boolean;
  /** A positive number given as `--name N` or `--name=N`, or the fallback. A bad value stops the bench with a sentence. */
  number(flag: string, fallback: number): number;
  string(flag: string): string | undefined;
}

export function parseArgs(args: string[]): BenchArgs {
  const values = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      values.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) {
      values.set(arg.slice(2), args[++i]!);
    } else {
      values.set(arg.slice(2), true);
    }
  }
  return {
    has: (flag) => values.has(flag),
    number(flag, fallback) {
      const raw = values.get(flag);
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (raw === true || !Number.isFinite(value) || value < 0) throw new Error(`--${flag} needs a number, got ${String(raw)}`);
      return value;
    },
    string(flag) {
      const raw = values.get(flag);
      return typeof raw === 'string' ? raw : undefined;
    },
  };
}

/** Where a bench writes its table or JSON; the smoke tests swap it for an array. */
export type Output = (line: string) => void;
export const stdout: Output = (line) => process.stdout.write(`${line}\n`);

/** True when this module is the script node was started with (`tsx bench/chaos.ts`), not an import. */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === moduleUrl;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface BenchRun {
  flags: BenchArgs;
  json: boolean;
  server: TestServer;
  /** Progress on stderr, silent with --json. */
  log: (line: string) => void;
}

/** How a measuring bench's run() starts: its flags, the test database server (stopped when `body` ends), a log. */
export async function withTestServer(name: string, args: string[], body: (run: BenchRun) => Promise<void>): Promise<void> {
  const flags = parseArgs(args);
  const json = flags.has('json');
  const server = await startTestServer();
  const log = json ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  log(`[${name}] database: ${server.kind}`);
  try {
    await body({ flags, json, server, log });
  } finally {
    await server.stop();
  }
}

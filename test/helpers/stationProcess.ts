/**
 * A station in a child process (plain Node + tsx, the same entry as `npm run station`), for what only a real
 * process can show: kill -9 at any instant, a power cut, SIGTERM. The config is written to a file in the data dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'electron/headless/stationCli.ts');

export interface StationProcess {
  pid: number;
  stationId: string;
  /** Everything the station wrote to stdout and stderr so far. */
  output(): string;
  /** kill -9: no shutdown code runs. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** A graceful stop (SIGTERM by default); resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: boolean;
}

export interface StationProcessOptions {
  /** The StationConfig input (printers, intervals, virtual options …); dataDir is required. */
  config: Record<string, unknown> & { dataDir: string };
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  /** More command-line flags for the station (the chaos drill adds `--web 0` for its operator). */
  args?: string[];
}

export async function startStationProcess(options: StationProcessOptions): Promise<StationProcess> {
  mkdirSync(options.config.dataDir, { recursive: true });
  const configFile = path.join(options.config.dataDir, 'station.config.json');
  writeFileSync(configFile, JSON.stringify(options.config, null, 2));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', cli, '--config', configFile, '--no-migrate', ...(options.args ?? [])],
    {
      cwd: repoRoot,
      env: { ...process.env, MONGODB_URI: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let exited = false;
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => ((exited = true), resolve(code))));
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));

  const ready = await new Promise<{ stationId: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start in time:\n${out}`)), options.readyTimeoutMs ?? 60_000);
    const look = () => {
      const match = /PRINT_STATION_READY (\{.*\})/.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(JSON.parse(match[1]!));
      }
    };
    child.stdout!.on('data', look);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`station exited with ${code} before it was ready:\n${out}`));
    });
  });

  return {
    pid: child.pid!,
    stationId: ready.stationId,
    output: () => out,
    get exited() {
      return exited;
    },
    async kill9() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    async stop(signal = 'SIGTERM') {
      if (!exited) child.kill(signal);
      return exit;
    },
  };
}

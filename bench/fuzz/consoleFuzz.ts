/**
 * `npm run fuzz -- console`: throws random and mutated requests at a real station's console on loopback while its
 * virtual printer keeps printing the shop's orders, and counts what went wrong. Bounded in time and count; stops by
 * itself. A crash is the station process dying or not answering; it is restarted so the run can go on.
 */
import WebSocket from 'ws';
import { API_ATTACKS } from './apiAttacks';
import { emptyTally, type Attack, type Tally, type Target } from './attack';
import { HTTP_ATTACKS } from './httpAttacks';
import { startPrintRoom, type PrintRoom } from './printRoom';
import { Prng, randomSeed } from './prng';

export interface ConsoleFuzzOptions {
  seconds: number;
  seed?: number;
  /** Stop after this many requests even if time is left. */
  maxRequests?: number;
  /** Attacks in flight at once. */
  concurrency?: number;
  mongoUri?: string;
  dbName?: string;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
}

export interface ConsoleFuzzResult {
  seed: number;
  seconds: number;
  requests: number;
  connections: number;
  /** The station died or stopped answering. */
  crashes: number;
  engineRestarts: number;
  unexpectedResponses: number;
  /** Orders the virtual printer finished between the first and the last attack. */
  printedDuringFuzz: number;
  /** Errors that reached the station's last line of defence (each cause should be fixed where it starts). */
  defenceCatches: number;
  /** The first few unexpected answers and crashes, to reproduce them. */
  samples: string[];
}

const ATTACKS: ReadonlyArray<readonly [number, Attack]> = [...HTTP_ATTACKS, ...API_ATTACKS];
const ATTACK_LIMIT_MS = 30_000;
const PROBE_EVERY_MS = 3_000;
const PROBE_TIMEOUT_MS = 10_000;
/** Probes in a row that must fail before a living process counts as hung (the machine may just be busy). */
const FAILED_PROBES_FOR_HANG = 3;

export async function runConsoleFuzz(o: ConsoleFuzzOptions): Promise<ConsoleFuzzResult> {
  const seconds = Math.min(Math.max(o.seconds, 1), 3_600);
  const seed = o.seed ?? randomSeed();
  const maxRequests = o.maxRequests ?? 1_000_000;
  const progress = o.progress ?? (() => {});
  const room = await startPrintRoom({ mongoUri: o.mongoUri, dbName: o.dbName });
  const result: ConsoleFuzzResult = {
    seed,
    seconds,
    requests: 0,
    connections: 0,
    crashes: 0,
    engineRestarts: 0,
    unexpectedResponses: 0,
    printedDuringFuzz: 0,
    defenceCatches: 0,
    samples: [],
  };
  const note = (line: string) => {
    if (result.samples.length < 20) result.samples.push(line);
  };
  let earlierOutput = '';
  try {
    const uiBuilt = (await fetch(`http://127.0.0.1:${room.port()}/`)).status !== 503;
    const target = (): Target => ({ port: room.port(), token: room.token, orderIds: room.orderIds(), uiBuilt });
    const since = new Date();
    const deadline = Date.now() + seconds * 1_000;
    // Bumped on every restart: what an attack saw while the station was down says nothing about the console.
    let epoch = 0;
    let restarting: Promise<void> | undefined;

    const crashed = (why: string) => {
      if (restarting) return restarting;
      result.crashes += 1;
      epoch += 1;
      note(`crash: ${why}\n${room.station().output().split('\n').slice(-15).join('\n')}`);
      progress(`crash: ${why}; restarting the station`);
      earlierOutput += room.station().output();
      restarting = room.restartStation().then(() => {
        result.engineRestarts += 1;
        restarting = undefined;
      });
      return restarting;
    };

    const worker = async (index: number) => {
      const rng = new Prng(seed + index * 7_919);
      while (Date.now() < deadline && result.requests < maxRequests) {
        if (restarting) await restarting;
        const startedIn = epoch;
        const attack = rng.weighted(ATTACKS);
        const t0 = Date.now();
        const tally = await withLimit(attack(target(), rng), ATTACK_LIMIT_MS).catch((error): Tally => ({
          ...emptyTally(),
          unexpected: [`attack failed: ${(error as Error).message}`],
        }));
        if (process.env.FUZZ_DEBUG && Date.now() - t0 > 3000) progress(`slow ${attack.name} ${Date.now() - t0} ms`);
        result.requests += tally.requests;
        result.connections += tally.connections;
        // A console that just died answers nothing: that is the crash, counted by the monitor, not an answer.
        if (tally.unexpected.length > 0) await sleep(1_000);
        if (epoch !== startedIn || restarting || room.station().exited) continue;
        result.unexpectedResponses += tally.unexpected.length;
        for (const line of tally.unexpected) note(line);
      }
    };

    let monitoring = true;
    const monitor = async () => {
      let failedProbes = 0;
      let lastProbe = 0;
      while (monitoring) {
        await sleep(250);
        if (restarting) {
          await restarting;
          failedProbes = 0;
          continue;
        }
        const station = room.station();
        if (station.exited) {
          await crashed(`the station process exited with ${await station.exit}`);
          continue;
        }
        if (Date.now() - lastProbe < PROBE_EVERY_MS) continue;
        lastProbe = Date.now();
        const alive = await answers(room, uiBuilt);
        failedProbes = alive ? 0 : failedProbes + 1;
        if (failedProbes >= FAILED_PROBES_FOR_HANG && !station.exited) {
          failedProbes = 0;
          await crashed(`the station stopped answering (${FAILED_PROBES_FOR_HANG} probes of ${PROBE_TIMEOUT_MS / 1_000} s in a row)`);
        }
        const elapsed = Math.round((Date.now() - since.getTime()) / 1_000);
        if (elapsed % 10 < PROBE_EVERY_MS / 1_000)
          progress(`${elapsed} s: ${result.requests} requests, ${result.crashes} crashes, ${result.unexpectedResponses} unexpected`);
      }
    };

    const watching = monitor();
    await Promise.all(Array.from({ length: o.concurrency ?? 4 }, (_, i) => worker(i)));
    monitoring = false;
    await watching;
    if (restarting) await restarting;
    // The last word: still there and answering after the last attack?
    if (room.station().exited || !(await answers(room, uiBuilt, 20_000))) {
      result.crashes += 1;
      note(
        `crash: after the fuzz the station ${room.station().exited ? 'had exited' : 'did not answer'}\n${room.station().output().split('\n').slice(-15).join('\n')}`,
      );
    }
    result.printedDuringFuzz = await room.printedSince(since);
    result.defenceCatches = (earlierOutput + room.station().output()).split('Last line of defence').length - 1;
    return result;
  } finally {
    await room.stop();
  }
}

/** The console serves a page and answers a StationApi call within the time. */
async function answers(room: PrintRoom, uiBuilt: boolean, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  try {
    const page = await fetch(`http://127.0.0.1:${room.port()}/`, { signal: AbortSignal.timeout(timeoutMs) });
    await page.arrayBuffer();
    if (page.status >= 500 && !(page.status === 503 && !uiBuilt)) return false;
    return await apiAnswers(`ws://127.0.0.1:${room.port()}/api?token=${room.token}`, timeoutMs);
  } catch {
    return false;
  }
}

function apiAnswers(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const end = (ok: boolean) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(ok);
    };
    const timer = setTimeout(() => end(false), timeoutMs);
    ws.on('error', () => end(false));
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'recentLogs', params: { limit: 1 } })));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { id?: number; ok?: boolean };
      if (frame.id === 1) end(frame.ok === true);
    });
  });
}

function withLimit<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`an attack took over ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

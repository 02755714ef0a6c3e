/**
 * The benchmarks and the chaos drill run end to end with tiny sizes and report what their readers expect.
 * Shape only: no figure is judged here (timings belong to `npm run bench`, on a quiet machine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { run as runChaos } from '../../bench/chaos';
import { run as runIdle } from '../../bench/idle';
import { run as runPickup } from '../../bench/pickup';

// The benches start "the test server" as the tests do; MONGODB_URI points them at this run's.
const savedUri = process.env.MONGODB_URI;
beforeAll(() => {
  process.env.MONGODB_URI = inject('mongoUri');
});
afterAll(() => {
  if (savedUri === undefined) delete process.env.MONGODB_URI;
  else process.env.MONGODB_URI = savedUri;
});

async function jsonOf(run: (args: string[], out: (line: string) => void) => Promise<void>, args: string[]): Promise<unknown> {
  const lines: string[] = [];
  const exitCode = process.exitCode;
  try {
    await run([...args, '--json'], (line) => lines.push(line));
  } finally {
    process.exitCode = exitCode; // a failed drill sets it; the test judges the report instead
  }
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe('npm run bench -- pickup', () => {
  it('reports p50 and p99 for the change feed and for polling', async () => {
    const report = await jsonOf(runPickup, ['--samples', '5', '--poll-samples', '2', '--poll-ms', '300', '--gap-ms', '20']);
    expect(report).toEqual([
      { mode: 'change_stream', p50Ms: expect.any(Number), p99Ms: expect.any(Number), samples: 5 },
      { mode: 'polling', p50Ms: expect.any(Number), p99Ms: expect.any(Number), samples: 2 },
    ]);
  }, 120_000);
});

describe('npm run bench -- idle', () => {
  it('counts the commands an idle station sends, by command', async () => {
    const report = (await jsonOf(runIdle, ['--seconds', '2', '--settle-seconds', '1'])) as Record<string, unknown>;
    expect(report).toMatchObject({ commandsPerMinute: expect.any(Number), byCommand: expect.any(Object), seconds: 2 });
    const byCommand = report.byCommand as Record<string, number>;
    for (const count of Object.values(byCommand)) expect(count).toEqual(expect.any(Number));
  }, 120_000);
});

describe('npm run chaos', () => {
  it('runs every fault kind, settles, and finds no order printed twice, lost, or printed after its cancel', async () => {
    const report = (await jsonOf(runChaos, [
      '--stations',
      '1',
      '--orders',
      '10',
      '--seed',
      '16',
      '--timeout-s',
      '90',
      '--kills',
      '1',
      '--stalls',
      '2',
      '--operator-actions',
      '8',
      '--restarts',
      '1',
      '--submit-errors',
      '1',
      // Seed 16 stalls a printer first and then acts on orders five times: every action while an order sits at a
      // stalled printer goes to it (--stalled-share 1), so the operator takes orders away from jobs stuck in a
      // spooler, and the printers then come back (issue 8, case 1). With followJob's ownership check taken out
      // (printJob.ts) it found duplicates in each of 6 runs (1 to 3 each); the timing still varies from run to
      // run, so this is a sharp look, not a proof: the full drill is the proof.
      '--stalled-share',
      '1',
      // slow pages and short pauses: the faults land while the station prints, and the drill stays within a minute
      '--pages',
      '2',
      '--long-pages',
      '8',
      '--ms-per-page',
      '100',
      '--kill-min-ms',
      '300',
      '--kill-max-ms',
      '800',
    ])) as Record<string, unknown>;
    expect(report).toMatchObject({
      printed: expect.any(Number),
      duplicates: expect.any(Number),
      lost: expect.any(Number),
      cancelledButPrinted: expect.any(Number),
      stuck: expect.any(Number),
      needsAttention: expect.any(Number),
      failed: expect.any(Number),
      details: { faults: { kill: 1, restart: 1, stall: 2, submitError: 1, operator: 8 } },
    });
    const r = report as { duplicates: number; lost: number; cancelledButPrinted: number; details: { examples: unknown } };
    // What the drill found, named, when one of these is not 0 (issue 8).
    expect({
      duplicates: r.duplicates,
      lost: r.lost,
      cancelledButPrinted: r.cancelledButPrinted,
      examples: r.details.examples,
    }).toMatchObject({
      duplicates: 0,
      lost: 0,
      cancelledButPrinted: 0,
    });
  }, 180_000);
});

/**
 * A short run of `npm run fuzz -- console` (issue 9): random and mutated HTTP requests, upgrades, raw frames and
 * StationApi messages against a real station on loopback, while its virtual printer prints the shop's orders.
 * The station must never crash, and must go on printing during the fuzz.
 */
import { describe, expect, it } from 'vitest';
import { runConsoleFuzz } from '../../bench/fuzz/consoleFuzz';
import { openTestDatabase } from '../helpers/db';

const t = await openTestDatabase('fuzz');

describe('fuzzing the web console', () => {
  it('survives ten seconds of hostile input with 0 crashes while the printer keeps printing', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20_26);
    const result = await runConsoleFuzz({ seconds: 10, seed, mongoUri: t.uri, dbName: t.dbName, concurrency: 3 });
    const report = JSON.stringify(result, null, 2);
    expect(result.requests, report).toBeGreaterThan(20);
    expect(result.crashes, report).toBe(0);
    expect(result.engineRestarts, report).toBe(0);
    expect(result.defenceCatches, report).toBe(0);
    expect(result.unexpectedResponses, report).toBe(0);
    expect(result.printedDuringFuzz, report).toBeGreaterThan(0);
  }, 180_000);
});

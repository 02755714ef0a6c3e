/**
 * `npm run migrate`: indexes and printStatus backfill on MONGODB_URI / MONGODB_DB (default 'printshop').
 * `npm run migrate -- --check`: changes nothing; runs every station query through explain and exits 1 when one
 * scans a whole collection (queryPlans.ts).
 */
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { migrate, type MigrationReport } from './migrate';
import { checkQueryPlans, formatPlanCheck } from './queryPlans';

const { values: flags } = parseArgs({ options: { check: { type: 'boolean' } }, strict: true });

const uri = process.env.MONGODB_URI;
const dbName = process.env.MONGODB_DB || 'printshop';

if (!uri) {
  console.error('MONGODB_URI is not set: point it at the shop database, e.g. MONGODB_URI=mongodb+srv://… npm run migrate');
  process.exit(2);
}

const client = new MongoClient(uri);
try {
  await client.connect();
  if (flags.check) {
    const plans = formatPlanCheck(await checkQueryPlans(client.db(dbName)));
    console.log(`query plans on ${dbName}:`);
    for (const line of plans.lines) console.log(line);
    process.exitCode = plans.exitCode;
  } else printMigration(await migrate(client.db(dbName)));
} catch (error) {
  console.error(
    `${flags.check ? 'query plan check' : 'migration'} of ${dbName} failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await client.close();
}

function printMigration(result: MigrationReport): void {
  console.log(`migrated ${dbName}:`);
  console.log(`  indexes created: ${result.indexesCreated.length ? result.indexesCreated.join(', ') : 'none (all present)'}`);
  console.log(`  orders queued for printing: ${result.backfilled.pending}; marked printed (delivered): ${result.backfilled.printed}`);
  const bare = result.printingWithoutLease;
  if (bare.count === 0) console.log('  orders printing with no lease: none');
  else {
    const more = bare.count > bare.orderIds.length ? ` and ${bare.count - bare.orderIds.length} more` : '';
    console.log(`  orders printing with no lease: ${bare.count} (${bare.orderIds.join(', ')}${more})`);
    console.log('    written by an older worker or by hand; once printing longer than the maximum print duration, any');
    console.log("    station's reaper sends them to needs_attention so a person checks the tray and says whether they printed");
  }
}

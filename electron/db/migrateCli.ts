/** `npm run migrate`: indexes and printStatus backfill on MONGODB_URI / MONGODB_DB (default 'printshop'). */
import { MongoClient } from 'mongodb';
import { migrate } from './migrate';

const uri = process.env.MONGODB_URI;
const dbName = process.env.MONGODB_DB || 'printshop';

if (!uri) {
  console.error('MONGODB_URI is not set: point it at the shop database, e.g. MONGODB_URI=mongodb+srv://… npm run migrate');
  process.exit(2);
}

const client = new MongoClient(uri);
try {
  await client.connect();
  const result = await migrate(client.db(dbName));
  console.log(`migrated ${dbName}:`);
  console.log(`  indexes created: ${result.indexesCreated.length ? result.indexesCreated.join(', ') : 'none (all present)'}`);
  console.log(`  orders queued for printing: ${result.backfilled.pending}; marked printed (delivered): ${result.backfilled.printed}`);
} catch (error) {
  console.error(`migration of ${dbName} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.close();
}

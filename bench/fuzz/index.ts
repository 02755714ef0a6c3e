/**
 * `npm run fuzz -- console [--seconds 60] [--seed N] [--max-requests N] [--concurrency N] [--json]`
 *
 * Starts a print room on loopback (the embedded test database unless MONGODB_URI is set, a shop, a station with a
 * virtual printer and its console) and fuzzes the console; see consoleFuzz.ts. Exits 1 when the station crashed.
 */
import { parseArgs } from '../args';
import { runConsoleFuzz } from './consoleFuzz';

const USAGE = 'usage: npm run fuzz -- console [--seconds 60] [--seed N] [--max-requests N] [--concurrency 4] [--json]';

const [targetName, ...rest] = process.argv.slice(2);
if (targetName !== 'console') {
  console.error(`${USAGE}\n(the only fuzz target so far is the web console)`);
  process.exit(2);
}

try {
  const args = parseArgs(rest);
  const seed = args.has('seed') ? Math.floor(args.number('seed', 0)) : undefined;
  const result = await runConsoleFuzz({
    seconds: args.number('seconds', 60),
    seed,
    maxRequests: args.number('max-requests', 1_000_000),
    concurrency: Math.max(1, Math.min(16, Math.floor(args.number('concurrency', 4)))),
    progress: (line) => process.stderr.write(`[fuzz] ${line}\n`),
  });
  if (args.has('json')) {
    console.log(JSON.stringify(result));
  } else {
    const { samples, ...counts } = result;
    console.log(
      Object.entries(counts)
        .map(([k, v]) => `${k.padEnd(20)} ${v}`)
        .join('\n'),
    );
    if (samples.length) console.log(`\nfirst problems:\n${samples.map((s) => `- ${s}`).join('\n')}`);
  }
  if (result.crashes > 0) process.exitCode = 1;
} catch (error) {
  console.error(`fuzz failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
// The test database server and sockets of libraries may linger; the run is over.
process.exit();

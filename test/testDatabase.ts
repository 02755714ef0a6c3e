/**
 * Chooses and starts the MongoDB server the tests run against (DESIGN §9), once per test run:
 *   1. MONGODB_URI when set (a real deployment: Atlas, a local mongod, a replica set);
 *   2. a real mongod through mongodb-memory-server, where its binary can be downloaded;
 *   3. de.bwaldvogel:mongo-java-server (memory backend, MongoDB 5.0 wire version, oplog on for change streams),
 *      fetched with Maven and run with the machine's Java.
 * Code under test never knows which one it got: it only sees a connection string.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTimeout } from '../electron/station/link/timers';

export type TestServerKind = 'MONGODB_URI' | 'mongodb-memory-server' | 'mongo-java-server';

export interface TestServer {
  uri: string;
  kind: TestServerKind;
  /** A server the test can stop and start again on the same port (data is lost for the Java server). */
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const javaServerDir = path.join(here, 'mongo-java-server');

export async function startTestServer(): Promise<TestServer> {
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, kind: 'MONGODB_URI', stop: async () => {} };
  }
  const real = await tryMongoMemoryServer();
  if (real) return real;
  return startMongoJavaServer();
}

async function tryMongoMemoryServer(): Promise<TestServer | undefined> {
  if (process.env.PRINT_STATION_SKIP_MONGOD_DOWNLOAD === '1') return undefined;
  try {
    const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
    // A replica set of one, so change streams work as on Atlas. A short timeout: without network the
    // download fails at once, and we go on to the Java server.
    const replSet = await withTimeout(MongoMemoryReplSet.create({ replSet: { count: 1 } }), 120_000, 'timed out after 120000 ms');
    return {
      uri: replSet.getUri(),
      kind: 'mongodb-memory-server',
      stop: async () => {
        await replSet.stop();
      },
    };
  } catch (error) {
    console.warn(`[test database] mongodb-memory-server unavailable (${firstLine(error)}); using mongo-java-server`);
    return undefined;
  }
}

/** Builds (once) the classpath file for the Java server with Maven. */
export function mongoJavaServerClasspath(): string {
  const cpFile = path.join(javaServerDir, 'target', 'classpath.txt');
  if (!existsSync(cpFile)) {
    mkdirSync(path.dirname(cpFile), { recursive: true });
    try {
      execFileSync('mvn', ['-q', '-B', 'dependency:build-classpath', `-Dmdep.outputFile=${cpFile}`], {
        cwd: javaServerDir,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } catch (error) {
      throw new Error(
        `Cannot start the test database: no MONGODB_URI, no downloadable mongod, and Maven could not fetch ` +
          `de.bwaldvogel:mongo-java-server 1.47.0 (${firstLine(error)}). Install Java 17 + Maven or set MONGODB_URI.`,
      );
    }
  }
  return readFileSync(cpFile, 'utf8').trim();
}

export async function startMongoJavaServer(port = 0): Promise<TestServer> {
  const classpath = mongoJavaServerClasspath();
  const child: ChildProcess = spawn(
    'java',
    ['-Xss4m', '-cp', classpath, path.join(javaServerDir, 'MongoJavaServerMain.java'), String(port)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const boundPort = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`mongo-java-server did not start in 60 s: ${err}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`Cannot run java for mongo-java-server: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mongo-java-server exited with ${code}: ${err}`));
    });
  });
  return {
    uri: `mongodb://127.0.0.1:${boundPort}/?directConnection=true`,
    kind: 'mongo-java-server',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}

import type { TestProject } from 'vitest/node';
import { startTestServer, type TestServer } from './testDatabase';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoServerKind: string;
  }
}

// One test database server per run, shared by both projects (kept on globalThis because each project loads this
// file on its own); every test file gets a fresh database on it (test/helpers/db.ts).
const shared = globalThis as { __printStationTestServer?: Promise<TestServer>; __printStationTestUsers?: number };

export default async function setup(project: TestProject) {
  shared.__printStationTestServer ??= startTestServer().then((server) => {
    console.log(`[test database] running against ${server.kind} at ${server.uri}`);
    return server;
  });
  shared.__printStationTestUsers = (shared.__printStationTestUsers ?? 0) + 1;
  const server = await shared.__printStationTestServer;
  project.provide('mongoUri', server.uri);
  project.provide('mongoServerKind', server.kind);
  return async () => {
    shared.__printStationTestUsers! -= 1;
    if (shared.__printStationTestUsers === 0) await server.stop();
  };
}

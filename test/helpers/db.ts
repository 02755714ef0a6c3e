import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, inject } from 'vitest';

export interface TestDatabase {
  uri: string;
  serverKind: string;
  dbName: string;
  client: MongoClient;
  db: Db;
  /** A further client of its own, as another station would have; closed after the file. */
  newClient(): Promise<MongoClient>;
}

/** A fresh database on the run's test server, dropped after the test file. Call at the top of a file. */
export async function openTestDatabase(label = 't'): Promise<TestDatabase> {
  const uri = inject('mongoUri');
  const serverKind = inject('mongoServerKind');
  const dbName = `${label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomUUID().slice(0, 8)}`;
  const extra: MongoClient[] = [];
  const client = await new MongoClient(uri).connect();
  afterAll(async () => {
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => {});
    await Promise.all([client, ...extra].map((c) => c.close()));
  });
  return {
    uri,
    serverKind,
    dbName,
    client,
    db: client.db(dbName),
    async newClient() {
      const c = await new MongoClient(uri).connect();
      extra.push(c);
      return c;
    },
  };
}

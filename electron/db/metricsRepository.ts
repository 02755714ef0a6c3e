/**
 * `metrics`: one document per worker per 5-minute window (seed 001 fields). Writing the same window twice
 * replaces it, so a station that retries after a blip does not double its numbers.
 */
import type { Db, Document, Filter } from 'mongodb';
import { MetricsDoc } from '../../shared/domain';
import { collections, parseValid, type Collections } from './collections';

export class MetricsRepository {
  private readonly c: Collections;

  constructor(db: Db) {
    this.c = collections(db);
  }

  async write(doc: Omit<MetricsDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<void> {
    const now = new Date();
    const { _id, createdAt, updatedAt, ...fields } = MetricsDoc.parse({ ...doc, createdAt: now, updatedAt: now });
    await this.c.metrics.updateOne(
      { workerId: fields.workerId, timestamp: fields.timestamp },
      { $set: { ...fields, updatedAt: now }, $setOnInsert: { createdAt: now } },
      { upsert: true },
    );
  }

  async series(query: { since: Date; workerId?: string }): Promise<MetricsDoc[]> {
    const filter: Filter<Document> = { timestamp: { $gte: query.since } };
    if (query.workerId) filter.workerId = query.workerId;
    const docs = await this.c.metrics.find(filter).sort({ timestamp: 1 }).toArray();
    return parseValid(MetricsDoc, docs);
  }
}

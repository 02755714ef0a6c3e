/** `stations`: one document per installed app, with a heartbeat so others can tell a live station from a dead one. */
import type { Db } from 'mongodb';
import { StationDoc } from '../../shared/domain';
import { collections, dropUndefined, parseValid, type Collections } from './collections';

export class StationRepository {
  private readonly c: Collections;

  constructor(db: Db) {
    this.c = collections(db);
  }

  async register(doc: StationDoc): Promise<void> {
    const { _id, ...fields } = StationDoc.parse(doc);
    await this.c.stations.updateOne({ _id: _id as never }, { $set: fields }, { upsert: true });
  }

  async heartbeat(stationId: string, patch: Partial<StationDoc> = {}): Promise<void> {
    const { _id, ...fields } = StationDoc.partial().parse(patch);
    await this.c.stations.updateOne({ _id: stationId as never }, { $set: { ...dropUndefined(fields), lastHeartbeatAt: patch.lastHeartbeatAt ?? new Date() } });
  }

  async list(): Promise<StationDoc[]> {
    const docs = await this.c.stations.find({}).sort({ _id: 1 }).toArray();
    return parseValid(StationDoc, docs);
  }
}

/**
 * `stations`: one document per installed app, with a heartbeat so others can tell a live station from a dead one.
 * The heartbeat is stamped with the database's clock ($currentDate), whatever the caller passes, because others
 * judge it against $$NOW (a printer of a silent station no longer counts for what the fleet can print).
 */
import type { Db } from 'mongodb';
import { StationDoc } from '../../shared/domain';
import { collections, dropUndefined, parseValid, type Collections } from './collections';

export class StationRepository {
  private readonly c: Collections;

  constructor(db: Db) {
    this.c = collections(db);
  }

  async register(doc: StationDoc): Promise<void> {
    const { _id, lastHeartbeatAt, ...fields } = StationDoc.parse(doc);
    await this.c.stations.updateOne({ _id: _id as never }, { $set: fields, $currentDate: { lastHeartbeatAt: true } }, { upsert: true });
  }

  async heartbeat(stationId: string, patch: Partial<StationDoc> = {}): Promise<void> {
    const { _id, lastHeartbeatAt, ...fields } = StationDoc.partial().parse(patch);
    const $set = dropUndefined(fields);
    await this.c.stations.updateOne(
      { _id: stationId as never },
      { ...(Object.keys($set).length ? { $set } : {}), $currentDate: { lastHeartbeatAt: true } },
    );
  }

  /**
   * The stations whose last heartbeat is younger than `silentAfterMs`, judged by the database's clock (the one that
   * stamped the heartbeats), so a station host's clock running late or early does not make the fleet lie.
   */
  async aliveIds(silentAfterMs: number): Promise<Set<string>> {
    const alive = await this.c.stations
      .find(
        { lastHeartbeatAt: { $type: 'date' }, $expr: { $gt: ['$lastHeartbeatAt', { $subtract: ['$$NOW', silentAfterMs] }] } },
        { projection: { _id: 1 } },
      )
      .toArray();
    return new Set(alive.map((s) => String(s._id)));
  }

  async list(): Promise<StationDoc[]> {
    const docs = await this.c.stations.find({}).sort({ _id: 1 }).toArray();
    return parseValid(StationDoc, docs);
  }
}

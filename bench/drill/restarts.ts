/**
 * Station deaths. `--kills N`: kill -9 of a random running station at a random moment (issue 3's drill).
 * `--restarts N`: a station stops in the middle of a long job (an order with many pages at its printer), by turns
 * gracefully (SIGTERM: its shutdown runs) or by kill -9; either way it starts again on the same data dir and must
 * follow the job it left at the spooler under a lease (issue 8, case 2).
 */
import type { Collection } from 'mongodb';
import { sleep } from '../args';
import type { DrillFleet } from './fleet';
import type { DrillRandom } from './random';

export interface RestartRecord {
  station: string;
  how: 'kill9' | 'sigterm';
  /** The long order at its printer when it went down, if one was found in time. */
  longOrder?: string;
  at: number;
}

export class StationDeaths {
  kills = 0;
  restarts = 0;
  readonly restartLog: RestartRecord[] = [];
  /** Orders the victims of kill -9 held at the instant of their kills, by phase (submitted = at the spooler). */
  readonly heldAtKill: Record<string, number> = {};

  constructor(
    private readonly fleet: DrillFleet,
    private readonly orders: Collection,
    private readonly orderIds: () => string[],
    private readonly longOrderIds: ReadonlySet<string>,
    private readonly random: DrillRandom,
    private readonly log: (line: string) => void,
    private readonly startedAt: number,
  ) {}

  /** kill -9 of a random running station; it restarts in the background. */
  async killOne(): Promise<void> {
    const up = this.fleet.up();
    if (up.length === 0) return;
    const victim = this.random.pick(up);
    const stationId = this.fleet.stationIds[victim]!;
    const held: Record<string, number> = {};
    const docs = await this.orders
      .find({ orderId: { $in: this.orderIds() }, printStatus: 'printing', stationId }, { projection: { printPhase: 1 } })
      .toArray();
    for (const d of docs) held[String(d.printPhase)] = (held[String(d.printPhase)] ?? 0) + 1;
    const pid = this.fleet.pidOf(victim);
    await this.fleet.takeDown(victim, 'kill9');
    this.kills += 1;
    for (const [phase, n] of Object.entries(held)) this.heldAtKill[phase] = (this.heldAtKill[phase] ?? 0) + n;
    this.log(`[chaos] kill ${this.kills}: ${stationId} (pid ${pid}) at ${this.elapsed()} holding ${JSON.stringify(held)}; restarting it`);
  }

  /**
   * Waits up to `lookMs` for a running station to have a long order at its spooler, then stops that station
   * (SIGTERM or kill -9, by the seeded coin) and starts it again in the background. With no long job in sight, any
   * running station is stopped all the same.
   */
  async restartMidJob(lookMs: number): Promise<void> {
    const how = this.random.chance(0.5) ? 'sigterm' : 'kill9';
    const until = Date.now() + lookMs;
    let victim: number | undefined;
    let longOrder: string | undefined;
    while (victim === undefined) {
      const up = this.fleet.up();
      if (up.length === 0) return;
      const upIds = up.map((i) => this.fleet.stationIds[i]!);
      const job = await this.orders.findOne(
        { orderId: { $in: [...this.longOrderIds] }, printStatus: 'printing', printPhase: 'submitted', stationId: { $in: upIds } },
        { projection: { orderId: 1, stationId: 1 } },
      );
      if (job) {
        victim = up[upIds.indexOf(String(job.stationId))];
        longOrder = String(job.orderId);
      } else if (Date.now() > until) {
        victim = this.random.pick(up);
      } else {
        await sleep(50);
      }
    }
    const stationId = this.fleet.stationIds[victim!]!;
    await this.fleet.takeDown(victim!, how);
    this.restarts += 1;
    this.restartLog.push({ station: stationId, how, longOrder, at: Date.now() });
    this.log(
      `[chaos] restart ${this.restarts}: ${how} of ${stationId} at ${this.elapsed()}${longOrder ? ` in the middle of long order ${longOrder}` : ' (no long job in sight)'}`,
    );
  }

  private elapsed(): string {
    return `${((Date.now() - this.startedAt) / 1_000).toFixed(1)} s`;
  }
}

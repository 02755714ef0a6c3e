/**
 * `npm run migrate -- --check`: every query a station asks, run through `explain` on the shop's database, and any
 * collection scan reported by the query's name. At fifty stations a scan in the claim, the reaper or the counts is
 * read fifty times over; an index serves it in a few keys. The queries are built by the same functions the station
 * uses (orderQueries, orderSearch, queueCounts, printLogRepository's LOG_ORDER), so the check cannot drift from what
 * runs.
 *
 * `explain` is a mongod command (Atlas has it); the test server (mongo-java-server) has none, and the check then
 * says so instead of passing or failing.
 */
import type { Collection, Db, Document, Sort } from 'mongodb';
import type { PrinterCapabilities } from '../../shared/domain';
import { COLLECTION_NAMES } from './collections';
import {
  CLAIM_ORDER,
  cancelRequestedPendingFilter,
  claimableFilter,
  fenced,
  leaseExpiredFilter,
  malformedPendingFilter,
  pendingGlanceFilter,
  printingWithoutLeaseFilter,
  unclaimableFilter,
  unleasedOverdueFilter,
  DEFAULT_CLOCK_SKEW_MARGIN_MS,
} from './orderQueries';
import { pinnedPastGraceFilter } from './deadPins';
import { COUNT_LIMIT, orderSearchFilter, orderSearchSort } from './orderSearch';
import { LOG_ORDER } from './printLogRepository';
import { QUEUE_COUNTS_PIPELINE } from './queueCounts';
import type { QueueTab } from '../../shared/stationApi';

type CollectionName = (typeof COLLECTION_NAMES)[keyof typeof COLLECTION_NAMES];

export interface StationQuery {
  name: string;
  collection: CollectionName;
  explain(c: Collection, now: Date): Promise<Document>;
  /** A scan that costs nothing worth an index, and why; reported, never failed. */
  scanAccepted?: string;
}

export interface PlanResult {
  name: string;
  collection: string;
  /** The winning plan in one line ("LIMIT > FETCH > IXSCAN orders_claim_queue"). */
  plan: string;
  /** Where a winning plan scans the collection; empty when it does not. */
  scans: string[];
  scanAccepted?: string;
}

export type PlanCheck = { available: true; results: PlanResult[] } | { available: false; reason: string };

// A printer and a fleet as a station would ask with them; the plan does not depend on the values.
const SAMPLE_CAPS: PrinterCapabilities = { paperSizes: ['A4', 'Letter'], color: false, duplex: true, maxCopies: 50 };
const SAMPLE_PRINTER = { printerId: 'plan-check-printer', stationId: 'plan-check-station' };
const LEASE_MS = 60_000;
const MAX_PRINT_MS = 30 * 60_000;

const find =
  (filter: Document, o: { sort?: Sort; limit?: number; projection?: Document } = {}) =>
  (c: Collection) => {
    let cursor = c.find(filter, o.projection ? { projection: o.projection } : {});
    if (o.sort) cursor = cursor.sort(o.sort);
    if (o.limit) cursor = cursor.limit(o.limit);
    return cursor.explain('queryPlanner');
  };
/** countDocuments is an aggregation: $match, $limit, $group. */
const count = (filter: Document, limit?: number) => (c: Collection) =>
  c.aggregate([{ $match: filter }, ...(limit ? [{ $limit: limit }] : []), { $group: { _id: 1, n: { $sum: 1 } } }]).explain('queryPlanner');

const orders = COLLECTION_NAMES.orders;
const tab = (t: QueueTab, now: Date) => {
  const q = { tab: t, page: 0, pageSize: 50 } as Parameters<typeof orderSearchFilter>[0];
  return find(orderSearchFilter(q, now), { sort: orderSearchSort(t), limit: 50 });
};

export const STATION_QUERIES: StationQuery[] = [
  {
    name: 'claim',
    collection: orders,
    explain: (c, now) => find(claimableFilter(now, SAMPLE_CAPS, SAMPLE_PRINTER), { sort: CLAIM_ORDER, limit: 1 })(c),
  },
  {
    // The change feed's safety poll (changeFeed.ts): up to two claimable orders, whatever printer they need.
    name: 'anything claimable',
    collection: orders,
    explain: (c, now) =>
      find(claimableFilter(now), { limit: 2, projection: { _id: 1, printingOptions: 1, pinnedPrinterId: 1, pinnedStationId: 1 } })(c),
  },
  {
    name: 'reaper',
    collection: orders,
    explain: (c) =>
      find({
        $or: [
          leaseExpiredFilter(LEASE_MS, DEFAULT_CLOCK_SKEW_MARGIN_MS),
          unleasedOverdueFilter(MAX_PRINT_MS, DEFAULT_CLOCK_SKEW_MARGIN_MS),
        ],
      })(c),
  },
  { name: 'lease expired', collection: orders, explain: (c) => find(leaseExpiredFilter(LEASE_MS, DEFAULT_CLOCK_SKEW_MARGIN_MS))(c) },
  { name: 'printing without a lease', collection: orders, explain: (c) => count(printingWithoutLeaseFilter())(c) },
  {
    name: 'unclaimable sweep',
    collection: orders,
    explain: (c, now) =>
      find(
        {
          $or: [
            cancelRequestedPendingFilter(),
            malformedPendingFilter(),
            unclaimableFilter([SAMPLE_CAPS], new Date(now.getTime() - 60_000)),
            pinnedPastGraceFilter(new Date(now.getTime() - 60_000)),
          ],
        },
        { limit: 500 },
      )(c),
  },
  {
    name: 'queue glance (why an idle printer takes nothing)',
    collection: orders,
    explain: (c, now) => find(pendingGlanceFilter(now), { limit: 201 })(c),
  },
  {
    name: 'shutdown release',
    collection: orders,
    explain: find({ printStatus: 'printing', printingBy: 'plan-check-worker', printPhase: { $in: ['claimed', 'downloading'] } }),
  },
  {
    name: 'queue counts',
    collection: orders,
    explain: (c) => c.aggregate([...QUEUE_COUNTS_PIPELINE]).explain('queryPlanner'),
  },
  { name: 'order by number', collection: orders, explain: find({ orderId: 'PLAN-CHECK-1' }) },
  { name: 'fenced write', collection: orders, explain: find(fenced({ _id: 'plan-check', printJobId: 'plan-check-job' }, ['printing'])) },
  {
    name: 'retrieval',
    collection: orders,
    explain: find({ ...fenced({ _id: 'plan-check', printJobId: 'plan-check-job' }, ['printed']), retrievedAt: null }),
  },
  { name: 'stray copy cleared', collection: orders, explain: find({ orderId: 'PLAN-CHECK-1', 'strayCopy.printJobId': 'plan-check-job' }) },
  ...(['pending', 'printing', 'needs_attention', 'failed', 'printed', 'held', 'all'] as const).map((t): StationQuery => ({
    name: `queue tab ${t}`,
    collection: orders,
    explain: (c, now) => tab(t, now)(c),
  })),
  // A tab's total beside its first page (orderSearch.ts; the All tab's is the collection's own count, no query).
  ...(['pending', 'printing', 'needs_attention', 'failed', 'printed', 'held'] as const).map((t): StationQuery => ({
    name: `queue tab ${t} total`,
    collection: orders,
    explain: (c, now) => count(orderSearchFilter({ tab: t, page: 0, pageSize: 50 }, now), COUNT_LIMIT)(c),
  })),
  {
    name: 'order history',
    collection: COLLECTION_NAMES.printLogs,
    explain: find({ orderId: 'PLAN-CHECK-1' }, { sort: LOG_ORDER, limit: 50 }),
  },
  {
    name: 'metrics series',
    collection: COLLECTION_NAMES.metrics,
    explain: (c, now) => find({ timestamp: { $gte: new Date(now.getTime() - 86_400_000) } }, { sort: { timestamp: 1 } })(c),
  },
  {
    name: "a station's printers",
    collection: COLLECTION_NAMES.printers,
    explain: find({ stationId: 'plan-check-station' }, { sort: { printer_id: 1 } }),
  },
  {
    name: 'fleet printers',
    collection: COLLECTION_NAMES.printers,
    explain: find({ isActive: { $ne: false }, stationId: { $in: ['plan-check-station'] } }, { sort: { printer_id: 1 } }),
  },
  {
    name: 'stations alive',
    collection: COLLECTION_NAMES.stations,
    explain: find({ lastHeartbeatAt: { $type: 'date' }, $expr: { $gt: ['$lastHeartbeatAt', { $subtract: ['$$NOW', 120_000] }] } }),
    scanAccepted: 'one document per station',
  },
];

// ── the pure part: reading an explain answer ──────────────────────────────────────────────────────────────────

interface PlanNode {
  stage?: string;
  indexName?: string;
  shardName?: string;
  inputStage?: PlanNode;
  inputStages?: PlanNode[];
  queryPlan?: PlanNode;
  winningPlan?: PlanNode;
  shards?: PlanNode[];
  [key: string]: unknown;
}

/** Every winning plan in an explain answer: find, aggregation ($cursor stages), per shard. Rejected plans are skipped. */
function winningPlans(explain: unknown): PlanNode[] {
  const found: PlanNode[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'rejectedPlans') continue;
      if (key === 'winningPlan' && child && typeof child === 'object') found.push(child as PlanNode);
      else visit(child);
    }
  };
  visit(explain);
  return found;
}

/** A node's children: the classic engine's input stages, the slot-based engine's queryPlan, a cluster's shards. */
function childrenOf(node: PlanNode): PlanNode[] {
  if (node.queryPlan) return [node.queryPlan];
  if (node.shards) return node.shards.map((s) => ({ ...(s.winningPlan ?? {}), shardName: s.shardName }));
  return [...(node.inputStage ? [node.inputStage] : []), ...(node.inputStages ?? [])];
}

const label = (n: PlanNode) => `${n.shardName ? `${n.shardName}: ` : ''}${n.stage ?? '?'}`;

/** Where the winning plan(s) scan the whole collection, each as its path ("SORT > COLLSCAN"). */
export function collectionScans(explain: unknown): string[] {
  const plans = winningPlans(explain);
  if (plans.length === 0) throw new Error('the explain answer holds no winning plan');
  const scans: string[] = [];
  const walk = (node: PlanNode, path: string[]) => {
    // The slot-based engine's wrapper has no stage of its own: its queryPlan is the plan.
    const here = node.stage || node.shardName ? [...path, label(node)] : path;
    if (node.stage === 'COLLSCAN') scans.push(here.join(' > '));
    for (const child of childrenOf(node)) walk(child, here);
  };
  for (const plan of plans) walk(plan, []);
  return scans;
}

/** The winning plan in one line, with the index each scan uses. */
export function planSummary(explain: unknown): string {
  const describe = (node: PlanNode): string => {
    const own = node.stage ? `${label(node)}${node.indexName ? ` ${node.indexName}` : ''}` : '';
    const children = childrenOf(node).map(describe);
    const below = children.length === 0 ? '' : children.length === 1 ? children[0]! : `(${children.join(', ')})`;
    return [own, below].filter(Boolean).join(' > ');
  };
  return winningPlans(explain).map(describe).join('; ');
}

// ── the check ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Errors that mean "this server has no explain", as opposed to a failed connection or a refused login. */
const NO_EXPLAIN = /no such (cmd|command)|explain|not (supported|implemented)|unrecognized command/i;

export async function checkQueryPlans(db: Db, queries: StationQuery[] = STATION_QUERIES, now = new Date()): Promise<PlanCheck> {
  const results: PlanResult[] = [];
  for (const q of queries) {
    let answer: Document;
    try {
      answer = await q.explain(db.collection(q.collection), now);
    } catch (error) {
      const e = error as { code?: number; message?: string };
      if (e.code === 59 || e.code === 115 || NO_EXPLAIN.test(e.message ?? ''))
        return { available: false, reason: e.message ?? String(error) };
      throw error;
    }
    if (winningPlans(answer).length === 0) return { available: false, reason: 'the server answered explain without a query plan' };
    results.push({
      name: q.name,
      collection: q.collection,
      plan: planSummary(answer),
      scans: collectionScans(answer),
      ...(q.scanAccepted ? { scanAccepted: q.scanAccepted } : {}),
    });
  }
  return { available: true, results };
}

/** The report the command prints, and its exit code: 1 when any query scans a collection it should not. */
export function formatPlanCheck(check: PlanCheck): { exitCode: number; lines: string[] } {
  if (!check.available) return { exitCode: 0, lines: [`explain not available on this server: cannot check (${check.reason})`] };
  const failing = check.results.filter((r) => r.scans.length > 0 && !r.scanAccepted);
  const lines = check.results.map((r) => {
    const verdict = r.scans.length === 0 ? 'ok' : r.scanAccepted ? 'scan (fine: ' + r.scanAccepted + ')' : 'COLLECTION SCAN';
    return `  ${verdict.padEnd(16)} ${r.name} (${r.collection}): ${r.plan}`;
  });
  lines.push(
    failing.length === 0
      ? `every one of the ${check.results.length} station queries is served by an index`
      : `${failing.length} station quer${failing.length === 1 ? 'y scans' : 'ies scan'} a whole collection: ${failing.map((r) => r.name).join(', ')}; run npm run migrate for the missing indexes, or see electron/db/indexes.ts`,
  );
  return { exitCode: failing.length > 0 ? 1 : 0, lines };
}

/**
 * `npm run migrate -- --check`: every query of a station through `explain`, a collection scan reported by the
 * query's name. The walk over a plan is checked on recorded explain outputs of mongod's classic and slot-based
 * engines, aggregations and sharded clusters; the check itself on whatever server the tests run against.
 */
import type { Collection, Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import {
  checkQueryPlans,
  collectionScans,
  formatPlanCheck,
  planSummary,
  STATION_QUERIES,
  type StationQuery,
} from '../../electron/db/queryPlans';
import { migrate } from '../../electron/db/migrate';
import { INDEXES } from '../../electron/db/indexes';
import { openTestDatabase } from '../helpers/db';

// Recorded from mongod 7.0 (classic engine): the claim, through the claim queue index.
const classicIndexed = {
  explainVersion: '1',
  queryPlanner: {
    namespace: 'printshop.orders',
    indexFilterSet: false,
    parsedQuery: { $and: [{ paymentStatus: { $eq: 'completed' } }, { printStatus: { $eq: 'pending' } }] },
    winningPlan: {
      stage: 'LIMIT',
      limitAmount: 1,
      inputStage: {
        stage: 'FETCH',
        filter: { cancelRequestedAt: { $eq: null } },
        inputStage: {
          stage: 'IXSCAN',
          keyPattern: { printStatus: 1, paymentStatus: 1, priority: -1, createdAt: 1 },
          indexName: 'orders_claim_queue',
          isMultiKey: false,
          direction: 'forward',
          indexBounds: {
            printStatus: ['["pending", "pending"]'],
            paymentStatus: ['["completed", "completed"]'],
            priority: ['[MaxKey, MinKey]'],
            createdAt: ['[MinKey, MaxKey]'],
          },
        },
      },
    },
    // A losing plan may scan: only the winner counts.
    rejectedPlans: [{ stage: 'SORT', inputStage: { stage: 'COLLSCAN', direction: 'forward' } }],
  },
  command: { find: 'orders', filter: {}, sort: { priority: -1, createdAt: 1 }, limit: 1, $db: 'printshop' },
  ok: 1,
};

// mongod 7.0 with no usable index: the recent log sorted on a field pair no index gives.
const classicScan = {
  explainVersion: '1',
  queryPlanner: {
    namespace: 'printshop.print_logs',
    winningPlan: {
      stage: 'SORT',
      sortPattern: { timestamp: -1, _id: -1 },
      limitAmount: 200,
      inputStage: { stage: 'COLLSCAN', direction: 'forward' },
    },
    rejectedPlans: [],
  },
  ok: 1,
};

// mongod 8.0 (slot-based engine): the plan sits under winningPlan.queryPlan, beside the slot plan's text.
const sbeScan = {
  explainVersion: '2',
  queryPlanner: {
    namespace: 'printshop.orders',
    planCacheShapeHash: '5F2A1B3C',
    winningPlan: {
      isCached: false,
      queryPlan: {
        stage: 'GROUP',
        planNodeId: 2,
        inputStage: { stage: 'COLLSCAN', planNodeId: 1, filter: {}, direction: 'forward' },
      },
      slotBasedPlan: {
        slots: '$$RESULT=s9 env: { s2 = Nothing (SEARCH_META) }',
        stages:
          '[2] project [s9 = newObj("_id", s8, "n", s7)] \n[1] scan s4 s5 none none none none none none lowPriority [] @"…" true false ',
      },
    },
    rejectedPlans: [],
  },
  command: { aggregate: 'orders', pipeline: [{ $group: { _id: '$printStatus', n: { $sum: 1 } } }], cursor: {}, $db: 'printshop' },
  ok: 1,
};

// mongod 6.0 aggregate explain: the find layer's plan inside the first stage's $cursor.
const aggregateIndexed = {
  explainVersion: '1',
  stages: [
    {
      $cursor: {
        queryPlanner: {
          namespace: 'printshop.orders',
          winningPlan: {
            stage: 'PROJECTION_COVERED',
            inputStage: { stage: 'IXSCAN', indexName: 'orders_by_status_newest', keyPattern: { printStatus: 1, createdAt: -1 } },
          },
          rejectedPlans: [],
        },
      },
    },
    { $group: { _id: '$printStatus', n: { $sum: { $const: 1 } } } },
  ],
  ok: 1,
};

// A sharded cluster (mongos): one winning plan per shard; one shard without the index scans.
const shardedMixed = {
  queryPlanner: {
    mongosPlannerVersion: 1,
    winningPlan: {
      stage: 'SHARD_MERGE',
      shards: [
        {
          shardName: 'shard-a',
          winningPlan: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'orders_leases' } },
          rejectedPlans: [],
        },
        { shardName: 'shard-b', winningPlan: { stage: 'COLLSCAN', direction: 'forward' }, rejectedPlans: [] },
      ],
    },
  },
  ok: 1,
};

// The reaper's $or: one index scan per branch under an OR (classic engine, SUBPLAN).
const orOfIndexes = {
  queryPlanner: {
    winningPlan: {
      stage: 'SUBPLAN',
      inputStage: {
        stage: 'FETCH',
        inputStage: {
          stage: 'OR',
          inputStages: [
            { stage: 'IXSCAN', indexName: 'orders_leases' },
            { stage: 'IXSCAN', indexName: 'orders_leases' },
          ],
        },
      },
    },
    rejectedPlans: [],
  },
  ok: 1,
};

// mongod 8.0's express path for a lookup by _id, and a missing collection.
const express = {
  queryPlanner: {
    winningPlan: { isCached: false, stage: 'EXPRESS_IXSCAN', keyPattern: '{ _id: 1 }', indexName: '_id_' },
    rejectedPlans: [],
  },
  ok: 1,
};
const missingCollection = { queryPlanner: { namespace: 'printshop.metrics', winningPlan: { stage: 'EOF' }, rejectedPlans: [] }, ok: 1 };

describe('walking a winning plan for collection scans', () => {
  it('finds none in an index scan, and ignores a rejected plan that scans', () => {
    expect(collectionScans(classicIndexed)).toEqual([]);
    expect(planSummary(classicIndexed)).toBe('LIMIT > FETCH > IXSCAN orders_claim_queue');
  });

  it('finds the scan under a sort (classic engine)', () => {
    expect(collectionScans(classicScan)).toEqual(['SORT > COLLSCAN']);
  });

  it('finds the scan in the slot-based engine, under winningPlan.queryPlan', () => {
    expect(collectionScans(sbeScan)).toEqual(['GROUP > COLLSCAN']);
  });

  it("reads an aggregation's plan from its $cursor stage", () => {
    expect(collectionScans(aggregateIndexed)).toEqual([]);
    expect(planSummary(aggregateIndexed)).toBe('PROJECTION_COVERED > IXSCAN orders_by_status_newest');
  });

  it('reads every shard of a sharded cluster and names the one that scans', () => {
    expect(collectionScans(shardedMixed)).toEqual(['SHARD_MERGE > shard-b: COLLSCAN']);
  });

  it('an $or served by one index per branch, an _id lookup and an empty collection are fine', () => {
    expect(collectionScans(orOfIndexes)).toEqual([]);
    expect(planSummary(orOfIndexes)).toBe('SUBPLAN > FETCH > OR > (IXSCAN orders_leases, IXSCAN orders_leases)');
    expect(collectionScans(express)).toEqual([]);
    expect(collectionScans(missingCollection)).toEqual([]);
  });

  it('an answer with no plan at all is not a verdict', () => {
    expect(() => collectionScans({ ok: 1 })).toThrow(/no winning plan/);
  });
});

describe('the station queries the check runs', () => {
  it('names every query a station asks, once each', () => {
    const names = STATION_QUERIES.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    for (const expected of [
      'claim',
      'anything claimable',
      'reaper',
      'lease expired',
      'unclaimable sweep',
      'shutdown release',
      'queue counts',
      'order by number',
      'fenced write',
      'retrieval',
      'queue tab pending',
      'queue tab printed',
      'order history',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('reports a scan by name with a non-zero verdict, and passes a clean run', () => {
    const failing = formatPlanCheck({
      available: true,
      results: [
        { name: 'claim', collection: 'orders', plan: 'LIMIT > FETCH > IXSCAN orders_claim_queue', scans: [] },
        { name: 'queue counts', collection: 'orders', plan: 'GROUP > COLLSCAN', scans: ['GROUP > COLLSCAN'] },
      ],
    });
    expect(failing.exitCode).toBe(1);
    expect(failing.lines.join('\n')).toMatch(/COLLECTION SCAN.*queue counts/);
    expect(failing.lines.join('\n')).toMatch(/ok +claim/);
    const clean = formatPlanCheck({ available: true, results: [{ name: 'claim', collection: 'orders', plan: 'IXSCAN', scans: [] }] });
    expect(clean.exitCode).toBe(0);
    const unavailable = formatPlanCheck({ available: false, reason: 'no such command: explain' });
    expect(unavailable).toEqual({ exitCode: 0, lines: ['explain not available on this server: cannot check (no such command: explain)'] });
  });
});

// ── the same question by reading, for servers without explain ─────────────────────────────────────────────────

interface Asked {
  filter: Document;
  sort?: Document;
}

/** What a station query asks the collection: its filter (an aggregation's leading $match) and its order. */
async function askedBy(q: StationQuery): Promise<Asked> {
  let asked: Asked = { filter: {} };
  const cursor = {
    sort(sort: Document) {
      asked.sort = sort;
      return cursor;
    },
    limit: () => cursor,
    explain: () => Promise.resolve({}),
  };
  const recorder = {
    find(filter: Document) {
      asked = { filter };
      return cursor;
    },
    aggregate(pipeline: Document[]) {
      const [first, second] = pipeline;
      const filter = (first?.$match as Document | undefined) ?? {};
      const sort = (first?.$match ? second?.$sort : first?.$sort) as Document | undefined;
      asked = { filter, ...(sort ? { sort } : {}) };
      return { explain: () => Promise.resolve({}) };
    },
  };
  await q.explain(recorder as unknown as Collection, new Date());
  return asked;
}

/** An index gives an order when the order's fields are the index key's first fields, all in its direction or all reversed. */
function indexGivesOrder(key: Document, sort: Document): boolean {
  const keys = Object.entries(key);
  const wanted = Object.entries(sort);
  if (wanted.length === 0 || wanted.length > keys.length) return false;
  const same = wanted.every(([f, d], i) => keys[i]![0] === f && keys[i]![1] === d);
  const reversed = wanted.every(([f, d], i) => keys[i]![0] === f && keys[i]![1] === -Number(d));
  return same || reversed;
}

/**
 * mongod's planner only looks at an index for a predicate on its leading field or for an order it gives; a query with
 * neither (no field to match, no index in its order) is a COLLSCAN whatever the data. A sure scan, not every scan.
 */
function scansByReading(q: StationQuery, asked: Asked): boolean {
  const narrows = Object.keys(asked.filter).some((f) => !f.startsWith('$') || f === '$or' || f === '$and');
  if (narrows) return false;
  const keys = [{ _id: 1 }, ...INDEXES.filter((i) => i.collection === q.collection).map((i) => i.key as Document)];
  return !asked.sort || !keys.some((k) => indexGivesOrder(k, asked.sort!));
}

describe('the station queries, read by the planner rules (mongo-java-server has no explain)', () => {
  it('the order test reads keys as mongod does', () => {
    expect(indexGivesOrder({ timestamp: -1 }, { timestamp: -1, _id: -1 })).toBe(false);
    expect(indexGivesOrder({ timestamp: -1, _id: -1 }, { timestamp: 1, _id: 1 })).toBe(true);
    expect(indexGivesOrder({ timestamp: -1, _id: -1 }, { timestamp: -1, _id: 1 })).toBe(false);
    expect(indexGivesOrder({ orderId: 1, timestamp: -1 }, { timestamp: -1 })).toBe(false);
  });

  it('none asks a whole collection with nothing to match and no index in its order', async () => {
    const scanning: string[] = [];
    for (const q of STATION_QUERIES) if (!q.scanAccepted && scansByReading(q, await askedBy(q))) scanning.push(q.name);
    expect(scanning).toEqual([]);
  });
});

const t = await openTestDatabase('query_plans');

describe(`the check on the test server (${t.serverKind})`, () => {
  it('runs every query through explain, or says plainly that this server cannot explain', async () => {
    await migrate(t.db);
    const check = await checkQueryPlans(t.db);
    if (t.serverKind === 'mongo-java-server') {
      expect(check).toMatchObject({ available: false });
      expect(formatPlanCheck(check).lines[0]).toMatch(/^explain not available on this server: cannot check/);
      return;
    }
    // A real mongod: one result per query, each with a plan.
    if (!check.available) throw new Error(`expected explain on ${t.serverKind}: ${check.reason}`);
    expect(check.results.map((r) => r.name)).toEqual(STATION_QUERIES.map((q) => q.name));
    for (const r of check.results) expect(r.plan).not.toBe('');
  });
});

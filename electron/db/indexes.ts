/**
 * Every index the stations rely on, named, with the query each one serves. Seed 001's indexes keep their
 * shape (the shop's admin page uses them); the rest are what the claim, the reaper and failUnprintable ask.
 */
import type { CreateIndexesOptions, IndexSpecification } from 'mongodb';
import { COLLECTION_NAMES } from './collections';

export interface IndexPlan {
  collection: (typeof COLLECTION_NAMES)[keyof typeof COLLECTION_NAMES];
  key: IndexSpecification;
  options: CreateIndexesOptions & { name: string };
  serves: string;
}

const orders = COLLECTION_NAMES.orders;

export const INDEXES: IndexPlan[] = [
  // seed 001
  {
    collection: orders,
    key: { printStatus: 1, paymentStatus: 1, createdAt: 1 },
    options: { name: 'orders_queue_by_age' },
    serves: 'seed 001; failUnprintable (pending, paid, older than the grace period)',
  },
  {
    collection: orders,
    key: { printStatus: 1, createdAt: -1 },
    options: { name: 'orders_by_status_newest' },
    serves: 'seed 001; the queue views',
  },
  {
    collection: orders,
    key: { printerId: 1, printStatus: 1 },
    options: { name: 'orders_by_printer' },
    serves: "seed 001; a printer's orders",
  },
  // Sparse, not partial: an order back in the queue has its printJobId removed ($unset), never set to null.
  {
    collection: orders,
    key: { printJobId: 1 },
    options: { name: 'orders_print_job_id', unique: true, sparse: true },
    serves: 'seed 001; the fence is unique per claim',
  },
  {
    collection: orders,
    key: { printingBy: 1, printStatus: 1 },
    options: { name: 'orders_by_worker' },
    serves: 'seed 001; releaseOnShutdown',
  },
  // what the stations ask
  {
    collection: orders,
    key: { printStatus: 1, paymentStatus: 1, priority: -1, createdAt: 1 },
    options: { name: 'orders_claim_queue' },
    serves: 'claimNextOrder: equality on status + payment, sorted priority desc, createdAt asc',
  },
  {
    collection: orders,
    key: { printStatus: 1, leaseExpiresAt: 1 },
    options: { name: 'orders_leases' },
    serves:
      'reapExpiredLeases: printing orders (the status prefix; expiry is judged by leaseRenewedAt against $$NOW, or leaseExpiresAt for older stations)',
  },
  {
    collection: orders,
    key: { orderId: 1 },
    options: { name: 'orders_order_id' },
    serves: "operator actions and the order view, by the shop's order number",
  },
  {
    collection: orders,
    key: { createdAt: -1 },
    options: { name: 'orders_by_created' },
    serves: "the queue's All tab and searches across statuses: newest first, within a date range (orderSearch.ts)",
  },

  {
    collection: COLLECTION_NAMES.printers,
    key: { status: 1, isActive: 1 },
    options: { name: 'printers_status_active' },
    serves: 'seed 001',
  },
  {
    collection: COLLECTION_NAMES.printers,
    key: { printer_id: 1 },
    options: { name: 'printers_printer_id', unique: true },
    serves: 'seed 001; upsert by printer id',
  },
  { collection: COLLECTION_NAMES.printers, key: { last_seen_at: -1 }, options: { name: 'printers_last_seen' }, serves: 'seed 001' },
  {
    collection: COLLECTION_NAMES.printers,
    key: { stationId: 1 },
    options: { name: 'printers_by_station' },
    serves: "a station's own printers",
  },

  {
    collection: COLLECTION_NAMES.printLogs,
    key: { orderId: 1, timestamp: -1 },
    options: { name: 'print_logs_order_history' },
    serves: "seed 001; an order's history",
  },
  {
    collection: COLLECTION_NAMES.printLogs,
    key: { timestamp: -1 },
    options: { name: 'print_logs_recent' },
    serves: "seed 001 (the shop's admin); the stations' recent log uses print_logs_recent_ordered",
  },
  // A new name, not a new key under the old one: migrate skips an index whose name exists, and createIndex refuses
  // a name that exists with another key, so a changed print_logs_recent would never reach a running shop.
  {
    collection: COLLECTION_NAMES.printLogs,
    key: { timestamp: -1, _id: -1 },
    options: { name: 'print_logs_recent_ordered' },
    serves: 'the recent log: newest first, _id breaking ties (LOG_ORDER in printLogRepository.ts)',
  },
  {
    collection: COLLECTION_NAMES.printLogs,
    key: { action: 1, timestamp: -1 },
    options: { name: 'print_logs_by_action' },
    serves: 'seed 001',
  },

  { collection: COLLECTION_NAMES.metrics, key: { timestamp: -1 }, options: { name: 'metrics_recent' }, serves: 'seed 001' },
  {
    collection: COLLECTION_NAMES.metrics,
    key: { workerId: 1, timestamp: -1 },
    options: { name: 'metrics_by_worker' },
    serves: 'seed 001; one document per worker per window',
  },
];

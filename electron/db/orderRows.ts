/**
 * The open queue's rows, live (issue 11): a change stream on `orders` that hands over each changed order whole, so
 * the console can change the one row on screen instead of asking for its 10,000-order tab again. It runs only while
 * a console listens (StationApiService), apart from the claim loops' change feed (changeFeed.ts), which needs no
 * documents and so asks the server for none.
 *
 * Why its own stream and `fullDocument: 'updateLookup'`: an update event on mongod names the order and its changed
 * fields but not the row's other columns; mongo-java-server's update events carry neither the order's `_id` nor an
 * `updateDescription` (the feed's $match drops them), but it does answer the lookup with the whole order. With the
 * lookup, both servers give the row as it is now.
 */
import type { ChangeStream, Collection, Document, ResumeToken } from 'mongodb';

/**
 * Changes to orders that exist. A new order is not asked for: it moves the counts, which read the tab again (a
 * shop's batch of 10,000 new orders would otherwise be 10,000 rows sent to every console). A lease renewal changes
 * nothing a row shows (and comes every few seconds per printing order): not asked for either.
 */
const ROW_CHANGES: Document[] = [
  {
    $match: {
      operationType: { $in: ['update', 'replace'] },
      $or: [
        { 'updateDescription.updatedFields.leaseExpiresAt': { $exists: false } },
        { 'updateDescription.updatedFields.printStatus': { $exists: true } },
      ],
    },
  },
];

/** How long mongod holds an empty getMore (it answers at once when an order changes). */
const MAX_AWAIT_MS = 1_000;
/** A server that answers an empty getMore at once (mongo-java-server) is asked again after this pause. */
const EMPTY_ANSWER_PAUSE_MS = 100;
/** After a failure the stream is reopened after this, doubling up to 10 s. */
const REOPEN_DELAY_MS = 500;

/**
 * Follows the orders' changes until the returned stop is called; `onOrder` gets each changed order's document.
 * A stream that fails is reopened where it stopped (its resume token); `onGap` is told when events may be lost.
 */
export function followOrderRows(orders: Collection, onOrder: (doc: Document) => void, onGap: () => void = () => {}): () => Promise<void> {
  let stopped = false;
  let stream: ChangeStream | undefined;
  let resumeToken: ResumeToken | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const follow = async () => {
    let failures = 0;
    while (!stopped) {
      stream = orders.watch(ROW_CHANGES, {
        fullDocument: 'updateLookup',
        maxAwaitTimeMS: MAX_AWAIT_MS,
        ...(resumeToken ? { resumeAfter: resumeToken } : {}),
      });
      try {
        while (!stopped) {
          const asked = Date.now();
          const change = (await stream.tryNext()) as Document | null;
          if (stream.resumeToken) resumeToken = stream.resumeToken;
          if (failures > 0) {
            failures = 0;
            onGap(); // reopened: what changed while it was down is not known
          }
          const doc = change?.fullDocument as Document | undefined | null;
          if (doc && doc._id !== undefined) onOrder(doc);
          else if (!change && Date.now() - asked < 20) await pause(EMPTY_ANSWER_PAUSE_MS);
        }
      } catch {
        if (stopped) break;
        failures += 1;
        resumeToken = undefined; // a token the server refused would fail every reopen; the gap is told instead
        await pause(Math.min(10_000, REOPEN_DELAY_MS * 2 ** Math.min(failures - 1, 5)));
      } finally {
        await stream.close().catch(() => {});
      }
    }
  };
  const running = follow();
  return async () => {
    stopped = true;
    wake?.();
    await stream?.close().catch(() => {});
    await running;
  };
}

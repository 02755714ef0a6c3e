/**
 * Who claims a new order first (issue 12), by rendezvous ranking: every station weighs (order, station) with the same
 * hash, so all stations agree on the order of turns without talking to each other. Rank 0 claims at once; rank k
 * waits k slots and claims only if it has not meanwhile seen the order taken. Pure: no clock, no I/O.
 */

/** A well-mixed 32-bit weight of `orderKey` for `stationId` (FNV-1a, then murmur3's finaliser). */
export function claimWeight(orderKey: string, stationId: string): number {
  let h = 0x811c9dc5;
  const text = `${orderKey}\u0000${stationId}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * This station's turn for the order among `candidates` (station ids that could take it; this one is always counted):
 * how many weigh more. Ties, which hardly happen, go to the smaller id.
 */
export function claimRank(orderKey: string, stationId: string, candidates: Iterable<string>): number {
  const mine = claimWeight(orderKey, stationId);
  let rank = 0;
  for (const other of new Set(candidates)) {
    if (other === stationId) continue;
    const weight = claimWeight(orderKey, other);
    if (weight > mine || (weight === mine && other < stationId)) rank += 1;
  }
  return rank;
}

/** What every fuzz attack gets and gives back. */
import type { Prng } from './prng';

export interface Target {
  port: number;
  token: string;
  /** Order ids that exist (the shop's), so some API calls reach real data. */
  orderIds: readonly string[];
  /** False when the operator UI is not built: then a page request answers 503 by design. */
  uiBuilt: boolean;
}

export interface Tally {
  requests: number;
  connections: number;
  /** One sentence per unexpected answer (a 5xx, a reply that breaks the API's shape, a hung exchange). */
  unexpected: string[];
}

export type Attack = (target: Target, rng: Prng) => Promise<Tally>;

export const emptyTally = (): Tally => ({ requests: 0, connections: 0, unexpected: [] });

/** A short, printable sample of bytes for a report line. */
export function sample(data: Buffer | string, max = 120): string {
  const text = typeof data === 'string' ? data : data.toString('latin1');
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

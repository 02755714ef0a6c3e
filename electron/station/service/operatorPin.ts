/**
 * The operator PIN that guards destructive actions (which ones: PIN_REQUIRED in shared/stationApi.ts). Stored only
 * as a salted scrypt hash. A run of wrong PINs locks that one client (a web console connection, the desktop window)
 * for a while, longer at each further lockout, so the PIN cannot be guessed, and one stranger guessing cannot lock
 * every operator out.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { refused, type Refusal } from '../../../shared/commandRefusals';

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('hex')}$${scryptSync(pin, salt, 32).toString('hex')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

export type PinCheck =
  | { ok: true }
  | {
      ok: false;
      code: 'pin_required' | 'pin_wrong' | 'pin_locked';
      reason: string;
      /** The refusal as data, so the console says it in the operator's language (shared/commandRefusals). */
      said: Refusal;
      /** Wrong PINs in a row from this client (pin_wrong). */
      failures?: number;
      /** Wrong PINs this client may still give before it is locked (pin_wrong): the dialog shows it. */
      attemptsLeft?: number;
      /** Set when this wrong PIN locked the client: for how long. */
      lockedForMs?: number;
    };

export interface PinGuardOptions {
  /** Wrong PINs in a row before the client is locked. */
  maxFailures?: number;
  /** The first lockout; each further one doubles, up to maxLockMs. */
  lockMs?: number;
  maxLockMs?: number;
  now?: () => number;
}

type ClientRecord = { failures: number; lockouts: number; lockedUntil: number; lastAt: number };

/** Clients remembered at most; beyond that the ones neither locked nor recently wrong are forgotten first. */
const MAX_CLIENTS = 1_000;

/** The lock for the n-th lockout (1-based): base, 2×base, 4×base … up to the ceiling. Pure, for the README's numbers. */
export function lockoutMs(n: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, n - 1));
}

export class PinGuard {
  private readonly clients = new Map<string, ClientRecord>();

  constructor(private readonly options: PinGuardOptions = {}) {}

  check(pinHash: string | undefined, pin: string | undefined, client = 'local'): PinCheck {
    if (!pinHash) return { ok: true };
    const now = (this.options.now ?? Date.now)();
    const record = this.clients.get(client);
    if (record && now < record.lockedUntil) {
      const seconds = Math.ceil((record.lockedUntil - now) / 1000);
      return { code: 'pin_locked', ...refused({ key: 'pinLocked', params: { seconds } }) };
    }
    if (!pin) return { code: 'pin_required', ...refused({ key: 'pinRequired', params: {} }) };
    if (pinMatches(pin, pinHash)) {
      this.clients.delete(client);
      return { ok: true };
    }
    const next = record ?? { failures: 0, lockouts: 0, lockedUntil: 0, lastAt: now };
    next.failures += 1;
    next.lastAt = now;
    this.remember(client, next);
    const failures = next.failures;
    const attemptsLeft = (this.options.maxFailures ?? 5) - failures;
    if (attemptsLeft > 0) {
      return { code: 'pin_wrong', ...refused({ key: 'pinWrong', params: { attemptsLeft } }), failures, attemptsLeft };
    }
    next.failures = 0;
    next.lockouts += 1;
    const lockedForMs = lockoutMs(next.lockouts, this.options.lockMs ?? 30_000, this.options.maxLockMs ?? 15 * 60_000);
    next.lockedUntil = now + lockedForMs;
    return {
      code: 'pin_wrong',
      ...refused({ key: 'pinLockedOut', params: { seconds: Math.ceil(lockedForMs / 1000) } }),
      failures,
      attemptsLeft: 0,
      lockedForMs,
    };
  }

  private remember(client: string, record: ClientRecord): void {
    this.clients.set(client, record);
    if (this.clients.size <= MAX_CLIENTS) return;
    const now = record.lastAt;
    for (const [id, r] of this.clients) {
      if (this.clients.size <= MAX_CLIENTS) break;
      // A forgotten client starts over; never forget one that is locked right now.
      if (r.lockedUntil <= now && id !== client) this.clients.delete(id);
    }
  }
}

/**
 * The operator PIN that guards destructive actions. Stored only as a salted scrypt hash; a run of wrong PINs locks
 * the station's destructive actions for a minute so the PIN cannot be guessed from the web console.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

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

export type PinCheck = { ok: true } | { ok: false; code: 'pin_required' | 'pin_wrong' | 'pin_locked'; reason: string };

export class PinGuard {
  private failures = 0;
  private lockedUntil = 0;

  constructor(private readonly options: { maxFailures?: number; lockMs?: number; now?: () => number } = {}) {}

  check(pinHash: string | undefined, pin: string | undefined): PinCheck {
    if (!pinHash) return { ok: true };
    const now = (this.options.now ?? Date.now)();
    if (now < this.lockedUntil) {
      const seconds = Math.ceil((this.lockedUntil - now) / 1000);
      return { ok: false, code: 'pin_locked', reason: `Too many wrong PINs: try again in ${seconds} s.` };
    }
    if (!pin) return { ok: false, code: 'pin_required', reason: 'This action needs the operator PIN.' };
    if (pinMatches(pin, pinHash)) {
      this.failures = 0;
      return { ok: true };
    }
    this.failures += 1;
    if (this.failures >= (this.options.maxFailures ?? 5)) {
      this.failures = 0;
      this.lockedUntil = now + (this.options.lockMs ?? 60_000);
    }
    return { ok: false, code: 'pin_wrong', reason: 'Wrong PIN.' };
  }
}

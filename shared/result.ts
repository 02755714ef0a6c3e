/**
 * The answer of anything that may be refused (an operator action, a command at a printer, a move of the order or the
 * printer): it went through, with what it carries, or it did not, with a sentence a person can act on.
 */
import type { Refusal } from './commandRefusals';

export interface Refused {
  ok: false;
  reason: string;
  /** The refusal as data (shared/commandRefusals), when it is one the console can say in the operator's language. */
  said?: Refusal;
}

export type Result<T extends object = object> = ({ ok: true } & T) | Refused;

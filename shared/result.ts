/**
 * The answer of anything that may be refused (an operator action, a command at a printer, a move of the order or the
 * printer): it went through, with what it carries, or it did not, with a sentence a person can act on.
 */
export interface Refused {
  ok: false;
  reason: string;
}

export type Result<T extends object = object> = ({ ok: true } & T) | Refused;

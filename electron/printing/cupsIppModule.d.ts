/**
 * Types for the parts of `@sealsystems/ipp` (plain CommonJS, ships no types) that the CUPS driver uses.
 * The parser turns enums into their keywords (job-state 'completed', printer-state 'idle') and a set of
 * values into an array, but leaves a single value bare: callers normalise with `asArray`.
 */
declare module '@sealsystems/ipp' {
  export type IppValue = string | number | boolean | Date | IppValue[] | { [name: string]: IppValue };
  export type IppGroup = Record<string, IppValue>;
  export interface IppMessage {
    version?: string;
    operation?: string;
    id?: number | null;
    statusCode?: string;
    'operation-attributes-tag'?: IppGroup;
    'job-attributes-tag'?: IppGroup | IppGroup[];
    'printer-attributes-tag'?: IppGroup | IppGroup[];
    'unsupported-attributes-tag'?: IppGroup;
    data?: Buffer | NodeJS.ReadableStream;
    [group: string]: unknown;
  }
  export interface PrinterOptions {
    version?: string;
    uri?: string;
    charset?: string;
    language?: string;
    timeout?: number;
  }
  export interface IppPrinter {
    execute(operation: string, message: IppMessage, callback: (err: Error | null, response: IppMessage) => void): void;
  }
  export function Printer(url: string, options?: PrinterOptions): IppPrinter;
  export function parse(buffer: Buffer): IppMessage;
  export function serialize(message: IppMessage): Buffer;
  const ipp: { Printer: typeof Printer; parse: typeof parse; serialize: typeof serialize };
  export default ipp;
}

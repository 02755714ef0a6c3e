/**
 * The one StationApi client of the UI. It validates every request before it leaves and every answer and push when
 * it arrives (the same zod schemas the station uses), whatever the transport underneath.
 */
import { STATION_METHODS, StationPush, type StationApi, type StationMethod } from '../../shared/stationApi';
import { printableDeep } from '../../shared/printable';

export type LinkState = 'connecting' | 'up' | 'down';

/** How bytes move: Electron IPC or WebSocket. Only this file and transports/ know transports exist. */
export interface Transport {
  invoke(method: StationMethod, params: unknown): Promise<unknown>;
  onPush(listener: (raw: unknown) => void): () => void;
  onLinkChange(listener: (state: LinkState) => void): () => void;
}

export type StationClient = StationApi & {
  onPush(listener: (push: StationPush) => void): () => void;
  onLinkChange(listener: (state: LinkState) => void): () => void;
};

export function createStationClient(transport: Transport): StationClient {
  const methods = Object.fromEntries(
    (Object.keys(STATION_METHODS) as StationMethod[]).map((method) => [
      method,
      async (request: unknown) => {
        const spec = STATION_METHODS[method];
        const params = spec.request.parse(request ?? {});
        // Text from orders and operators is shown as text: control characters and bidi overrides made visible.
        return printableDeep(spec.response.parse(await transport.invoke(method, params)));
      },
    ]),
  ) as unknown as StationApi;
  return {
    ...methods,
    onPush: (listener) =>
      transport.onPush((raw) => {
        const parsed = StationPush.safeParse(raw);
        if (parsed.success) listener(printableDeep(parsed.data));
        else console.warn('Ignored a malformed push from the station', parsed.error.issues[0]);
      }),
    onLinkChange: (listener) => transport.onLinkChange(listener),
  };
}

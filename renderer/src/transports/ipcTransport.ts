/** Electron: the preload's `window.printStation` bridge (electron/preload.ts). */
import type { StationMethod } from '../../../shared/stationApi';
import type { LinkState, Transport } from '../client';

export interface PrintStationBridge {
  invoke(method: StationMethod, params: unknown): Promise<unknown>;
  onPush(listener: (push: unknown) => void): () => void;
}

declare global {
  interface Window {
    printStation?: PrintStationBridge;
  }
}

export function ipcTransport(bridge: PrintStationBridge): Transport {
  return {
    invoke: (method, params) => bridge.invoke(method, params),
    onPush: (listener) => bridge.onPush(listener),
    // IPC to our own main process does not drop.
    onLinkChange: (listener: (state: LinkState) => void) => {
      listener('up');
      return () => {};
    },
  };
}

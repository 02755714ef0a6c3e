/**
 * The preload: the one bridge between the sandboxed page and the main process. It exposes `window.printStation`
 * with two functions and nothing else; only the StationApi's own methods can be called, and every payload is
 * validated again in main (StationApiService.invoke).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_PUSH_CHANNEL, STATION_METHOD_NAMES, ipcChannel, type StationMethod } from '../shared/stationApi';

const methods = new Set<string>(STATION_METHOD_NAMES);

contextBridge.exposeInMainWorld('printStation', {
  invoke(method: StationMethod, params: unknown): Promise<unknown> {
    if (!methods.has(method)) return Promise.reject(new Error(`Unknown method ${String(method)}`));
    return ipcRenderer.invoke(ipcChannel(method), params);
  },
  onPush(listener: (push: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, push: unknown) => listener(push);
    ipcRenderer.on(IPC_PUSH_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_PUSH_CHANNEL, handler);
  },
});

/**
 * A little HTTP server on 127.0.0.1 (a free port) serving what a test's handler answers: the shop's file server
 * for the fetch tests. close() drops open connections first, so a test's slow or endless answers never hold it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  base: string;
  close(): Promise<void>;
}

export async function startFileServer(handler: http.RequestListener): Promise<FileServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An address on 127.0.0.1 where nobody listens (a port just given back). */
export async function addressNobodyListensOn(): Promise<string> {
  const server = await startFileServer(() => {});
  await server.close();
  return server.base;
}

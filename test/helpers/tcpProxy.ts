/**
 * A TCP proxy on 127.0.0.1 between a station and its database, so a test can cut the link and restore it
 * without touching the database itself (outage tests; the UI's browser tests reuse it).
 *   cut()     – drops every open connection and refuses new ones (as a dead network or a stopped server looks);
 *   restore() – accepts connections again.
 */
import net from 'node:net';

export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** `uri` with its host:port replaced by the proxy's. */
  uri: string;
  readonly isCut: boolean;
  /** How many client connections are open right now. */
  readonly openConnections: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Proxies to the first host:port of a mongodb:// URI and returns the same URI pointing at the proxy. */
export async function startTcpProxyForUri(uri: string): Promise<TcpProxy> {
  const match = /^mongodb:\/\/(?:[^@/]*@)?([^:/,?]+):(\d+)/.exec(uri);
  if (!match) throw new Error(`tcpProxy: cannot proxy ${uri} (needs mongodb://host:port, one host)`);
  const [, host, port] = match;
  const proxy = await startTcpProxy(host!, Number(port));
  let proxied = uri.replace(`${host}:${port}`, `127.0.0.1:${proxy.port}`);
  // A proxied replica-set member would make the driver discover and dial the real members behind our back.
  if (!/directConnection=/.test(proxied)) proxied += (proxied.includes('?') ? '&' : '/?') + 'directConnection=true';
  return Object.assign(proxy, { uri: proxied });
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let cut = false;

  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    get isCut() {
      return cut;
    },
    get openConnections() {
      return pairs.size;
    },
    cut() {
      cut = true;
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    restore() {
      cut = false;
    },
    close() {
      cut = true;
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

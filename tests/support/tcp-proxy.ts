import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 between the app and PostgreSQL, to play the database's failures
 * without touching the real server (other processes use it):
 * - `pass`: forwards both ways;
 * - `freeze`: stops forwarding on every connection, old and new, without closing any (a stalled
 *   server or a network path that drops packets: the client waits for an answer that never comes);
 * - `cut`: resets every open connection at once (what clients see when the server restarts);
 * - `down`: cut, then resets every new connection as soon as it arrives, until `pass`.
 */
export type ProxyMode = 'pass' | 'frozen' | 'down';

type Pair = { client: Socket; upstream: Socket };

export type TcpProxy = {
  port: number;
  mode: () => ProxyMode;
  pass: () => void;
  freeze: () => void;
  cut: () => void;
  down: () => void;
  /** Connections accepted so far, and open now. */
  stats: () => { accepted: number; open: number };
  close: () => Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  let accepted = 0;
  const pairs = new Set<Pair>();

  const pause = (pair: Pair) => {
    pair.client.pause();
    pair.upstream.pause();
  };
  const resume = (pair: Pair) => {
    pair.client.resume();
    pair.upstream.resume();
  };
  const destroy = (pair: Pair) => {
    pairs.delete(pair);
    if (!pair.client.destroyed) pair.client.resetAndDestroy();
    if (!pair.upstream.destroyed) pair.upstream.resetAndDestroy();
  };

  const server: Server = createServer((client) => {
    accepted += 1;
    if (mode === 'down') {
      client.on('error', () => {});
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair: Pair = { client, upstream };
    pairs.add(pair);
    // Forwarding by hand rather than pipe(): pipe's own back-pressure handling would resume a
    // socket that the proxy froze.
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk) => {
        if (!to.write(chunk)) from.pause();
      });
      to.on('drain', () => {
        if (mode === 'pass') from.resume();
      });
    };
    forward(client, upstream);
    forward(upstream, client);
    const end = () => destroy(pair);
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    if (mode === 'frozen') pause(pair);
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  return {
    port: (server.address() as AddressInfo).port,
    mode: () => mode,
    pass: () => {
      mode = 'pass';
      for (const pair of pairs) resume(pair);
    },
    freeze: () => {
      mode = 'frozen';
      for (const pair of pairs) pause(pair);
    },
    cut: () => {
      for (const pair of [...pairs]) destroy(pair);
    },
    down: () => {
      mode = 'down';
      for (const pair of [...pairs]) destroy(pair);
    },
    stats: () => ({ accepted, open: pairs.size }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of [...pairs]) destroy(pair);
        server.close(() => resolve());
      }),
  };
}

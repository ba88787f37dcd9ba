import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay to a server, for tests of what a client does not hear: after `partition()` the bytes
 * of every connection it carries are dropped in both directions while the sockets stay open, as
 * when a network is cut and neither end has noticed yet.
 */
export interface TcpProxy {
  port: number;
  partition(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let cut = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (d) => {
      if (!cut) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!cut) client.write(d);
    });
    client.on('end', () => {
      if (!cut) upstream.end();
    });
    upstream.on('end', () => {
      if (!cut) client.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    partition() {
      cut = true;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

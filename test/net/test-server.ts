import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  /** http://<host>:<port><path> */
  url(path: string): string;
  port: number;
  /** Every request the server received, in order (path and headers). */
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  /** Most requests that were being handled at the same moment. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 (or another loopback address), port chosen by the OS. Routes match the path exactly (query
 * ignored); unknown paths answer 404, which also means "no robots.txt" to the fetcher.
 */
export async function startServer(routes: Record<string, Handler>, host = '127.0.0.1'): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: req.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const handler = routes[path];
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path) => `http://${host}:${port}${path}`,
    requests,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

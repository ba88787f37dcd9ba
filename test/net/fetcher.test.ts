import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { Config } from '../../src/config/config.ts';
import {
  BlockedAddressError,
  FetchTimeoutError,
  HttpStatusError,
  InvalidUrlError,
  NetworkError,
  RobotsDisallowedError,
  RobotsUnavailableError,
  TooLargeError,
  TooManyRedirectsError,
} from '../../src/net/errors.ts';
import { createFetcher, Fetcher, type FetcherOptions } from '../../src/net/fetcher.ts';
import { parseRetryAfter } from '../../src/net/retry.ts';
import { SAMPLES } from './charset-samples.ts';
import { type Handler, startServer, type TestServer } from './test-server.ts';

const MiB = 1024 * 1024;

/** Options for fetching from the loopback test server: private addresses on, no politeness delay. */
const LOCAL: FetcherOptions = {
  allowPrivateAddresses: true,
  hostDelayMs: 0,
  connectTimeoutMs: 2000,
  fetchTimeoutMs: 5000,
  maxBodyBytes: MiB,
};

const redirect =
  (to: string, status = 302): Handler =>
  (_req, res) =>
    res.writeHead(status, { location: to }).end();

const body =
  (content: string | Uint8Array, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain', ...headers }).end(content);

/** Starts a server and a fetcher for one describe block, and stops both after it. */
function setup(routes: Record<string, Handler>, options: FetcherOptions = {}) {
  const ctx = {} as { server: TestServer; fetcher: Fetcher };
  before(async () => {
    ctx.server = await startServer(routes);
    ctx.fetcher = new Fetcher({ ...LOCAL, ...options });
  });
  after(async () => {
    await ctx.fetcher.close();
    await ctx.server.close();
  });
  return ctx;
}

describe('fetching pages and decoding them', () => {
  const routes: Record<string, Handler> = { '/empty': body(''), '/no-content': (_q, r) => r.writeHead(204).end() };
  for (const s of SAMPLES) {
    const html = `<html><head><title>t</title></head><body><p>${s.text}</p></body></html>`;
    routes[`/cs/${s.charset}`] = body(iconv.encode(html, s.charset), {
      'content-type': `text/html; charset=${s.charset}`,
    });
  }
  const ctx = setup(routes, { contactUrl: 'https://news.example.org/about' });

  for (const s of SAMPLES) {
    test(`200 in ${s.charset}`, async () => {
      const res = await ctx.fetcher.fetch(ctx.server.url(`/cs/${s.charset}`), { purpose: 'page' });
      assert.equal(res.status, 200);
      assert.equal(res.notModified, false);
      assert.match(res.contentType ?? '', /^text\/html/);
      const decoded = res.decode();
      assert.equal(decoded.charset, s.expected);
      assert.ok(res.text().includes(s.text));
    });
  }

  test('the User-Agent names Meridian and the contact URL', () => {
    const ua = ctx.server.requests.find((r) => r.path.startsWith('/cs/'))?.headers['user-agent'] ?? '';
    assert.match(ua, /^Meridian\/\d+\.\d+\.\d+ \(\+https:\/\/news\.example\.org\/about\)$/);
  });

  test('empty bodies', async () => {
    const empty = await ctx.fetcher.fetch(ctx.server.url('/empty'), { purpose: 'page' });
    assert.equal(empty.status, 200);
    assert.equal(empty.body.byteLength, 0);
    assert.equal(empty.text(), '');
    const none = await ctx.fetcher.fetch(ctx.server.url('/no-content'), { purpose: 'feed' });
    assert.equal(none.status, 204);
    assert.equal(none.body.byteLength, 0);
  });
});

describe('conditional GET', () => {
  const ctx = setup({
    '/etag': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { etag: '"v1"', 'content-type': 'application/rss+xml' }).end('<rss/>');
    },
    '/modified': (req, res) => {
      const stamp = 'Wed, 21 Oct 2015 07:28:00 GMT';
      if (req.headers['if-modified-since'] === stamp) return res.writeHead(304).end();
      res.writeHead(200, { 'last-modified': stamp }).end('<rss/>');
    },
  });

  test('304 for a matching ETag', async () => {
    const first = await ctx.fetcher.fetch(ctx.server.url('/etag'), { purpose: 'feed' });
    assert.equal(first.notModified, false);
    assert.equal(first.text(), '<rss/>');
    const again = await ctx.fetcher.fetch(ctx.server.url('/etag'), { purpose: 'feed', etag: first.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.notModified, true);
    assert.equal(again.body.byteLength, 0);
  });

  test('304 for a matching Last-Modified', async () => {
    const first = await ctx.fetcher.fetch(ctx.server.url('/modified'), { purpose: 'feed' });
    assert.equal(first.notModified, false);
    const again = await ctx.fetcher.fetch(ctx.server.url('/modified'), {
      purpose: 'feed',
      lastModified: first.headers['last-modified'],
    });
    assert.equal(again.notModified, true);
  });
});

describe('status errors and Retry-After', () => {
  const ctx = setup({
    '/busy': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end('slow down'),
    '/missing': (_req, res) => res.writeHead(404).end(),
  });
  const other = setup({
    '/down': (_req, res) => res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end(),
  });

  test('429 with Retry-After in seconds, then the host is paused', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/busy'), { purpose: 'feed' }), (err: unknown) => {
      assert.ok(err instanceof HttpStatusError);
      assert.equal(err.status, 429);
      assert.equal(err.retryAfterMs, 120_000);
      assert.equal(err.retryable, true);
      return true;
    });
    const seen = ctx.server.requests.length;
    // The next request to that host fails at once with the remaining pause, without reaching it.
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/missing'), { purpose: 'page' }), (err: unknown) => {
      assert.ok(err instanceof HttpStatusError);
      assert.equal(err.status, 429);
      assert.ok(err.retryAfterMs! > 100_000 && err.retryAfterMs! <= 120_000);
      return true;
    });
    assert.equal(ctx.server.requests.length, seen);
  });

  test('503 with Retry-After as an HTTP date', async () => {
    await assert.rejects(other.fetcher.fetch(other.server.url('/down'), { purpose: 'feed' }), (err: unknown) => {
      assert.ok(err instanceof HttpStatusError);
      assert.equal(err.status, 503);
      // HTTP dates have one-second resolution.
      assert.ok(err.retryAfterMs! > 50_000 && err.retryAfterMs! <= 60_000, String(err.retryAfterMs));
      return true;
    });
  });

  test('parseRetryAfter', () => {
    assert.equal(parseRetryAfter('30'), 30_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('2015-10-21T07:28:00Z')), 30_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2016-01-01T00:00:00Z')), 0);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });
});

describe('redirects', () => {
  const ctx = setup({
    '/r1': redirect('/r2', 301),
    '/r2': redirect('r3', 307),
    '/r3': (req, res) => redirect(`http://127.0.0.1:${req.socket.localPort}/final#frag`, 308)(req, res),
    '/final': body('arrived'),
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
    '/to-mapped-metadata': redirect('http://[::ffff:169.254.169.254]/'),
    '/to-file': redirect('file:///etc/passwd'),
  });

  test('a chain of three redirects is followed to the end', async () => {
    const res = await ctx.fetcher.fetch(ctx.server.url('/r1'), { purpose: 'page' });
    assert.equal(res.status, 200);
    assert.equal(res.url, ctx.server.url('/final'));
    assert.equal(res.text(), 'arrived');
  });

  test('a chain longer than the limit fails', async () => {
    const strict = new Fetcher({ ...LOCAL, maxRedirects: 2 });
    try {
      await assert.rejects(strict.fetch(ctx.server.url('/r1'), { purpose: 'page' }), (err: unknown) => {
        assert.ok(err instanceof TooManyRedirectsError);
        assert.equal(err.loop, false);
        return true;
      });
    } finally {
      await strict.close();
    }
  });

  test('a redirect loop is detected', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/loop-a'), { purpose: 'page' }), (err: unknown) => {
      assert.ok(err instanceof TooManyRedirectsError);
      assert.equal(err.loop, true);
      assert.deepEqual(err.chain, [ctx.server.url('/loop-a'), ctx.server.url('/loop-b'), ctx.server.url('/loop-a')]);
      return true;
    });
  });

  test('a redirect to the metadata address is refused even with private addresses allowed', async () => {
    for (const path of ['/to-metadata', '/to-mapped-metadata']) {
      await assert.rejects(ctx.fetcher.fetch(ctx.server.url(path), { purpose: 'feed' }), (err: unknown) => {
        assert.ok(err instanceof BlockedAddressError, String(err));
        assert.match(err.address, /169\.254\.169\.254|::ffff:/);
        return true;
      });
    }
  });

  test('a redirect to a non-http scheme is refused', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/to-file'), { purpose: 'page' }), InvalidUrlError);
    await assert.rejects(ctx.fetcher.fetch('ftp://example.org/feed.xml', { purpose: 'feed' }), InvalidUrlError);
    await assert.rejects(ctx.fetcher.fetch('not a url', { purpose: 'feed' }), InvalidUrlError);
  });
});

describe('SSRF guard without private addresses', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({
      '/ok': body('ok'),
      '/to-other-loopback': (req, res) => redirect(`http://127.0.0.2:${req.socket.localPort}/ok`)(req, res),
      '/to-ipv6-loopback': (req, res) => redirect(`http://[::1]:${req.socket.localPort}/ok`)(req, res),
      '/to-private': redirect('http://10.0.0.1/admin'),
    });
  });
  after(() => server.close());

  test('a URL to 127.0.0.1 is refused before connecting', async () => {
    const fetcher = new Fetcher({ ...LOCAL, allowPrivateAddresses: false });
    try {
      await assert.rejects(fetcher.fetch(server.url('/ok'), { purpose: 'page' }), BlockedAddressError);
      await assert.rejects(fetcher.fetch(`http://[::1]:${server.port}/ok`, { purpose: 'page' }), BlockedAddressError);
      // Other spellings of loopback are normalised by the URL parser and refused the same way.
      for (const host of ['0x7f.1', '2130706433', '127.1', '[::ffff:127.0.0.1]']) {
        await assert.rejects(
          fetcher.fetch(`http://${host}:${server.port}/ok`, { purpose: 'page' }),
          BlockedAddressError,
        );
      }
      assert.equal(server.requests.length, 0);
    } finally {
      await fetcher.close();
    }
  });

  test('a host name that resolves to loopback is refused after DNS', async () => {
    const fetcher = new Fetcher({ ...LOCAL, allowPrivateAddresses: false });
    try {
      await assert.rejects(fetcher.fetch(`http://localhost:${server.port}/ok`, { purpose: 'page' }), (err: unknown) => {
        assert.ok(err instanceof BlockedAddressError);
        assert.equal(err.url, `http://localhost:${server.port}/ok`);
        return true;
      });
      assert.equal(server.requests.length, 0);
    } finally {
      await fetcher.close();
    }
  });

  test('a redirect from an allowed server to another loopback address is refused', async () => {
    // Only the test server's own address is allow-listed; the redirect target is not.
    const fetcher = new Fetcher({ ...LOCAL, allowPrivateAddresses: false, allowedAddresses: ['127.0.0.1'] });
    try {
      const ok = await fetcher.fetch(server.url('/ok'), { purpose: 'page' });
      assert.equal(ok.text(), 'ok');
      await assert.rejects(fetcher.fetch(server.url('/to-other-loopback'), { purpose: 'page' }), BlockedAddressError);
      await assert.rejects(fetcher.fetch(server.url('/to-ipv6-loopback'), { purpose: 'page' }), BlockedAddressError);
      await assert.rejects(fetcher.fetch(server.url('/to-private'), { purpose: 'page' }), BlockedAddressError);
    } finally {
      await fetcher.close();
    }
  });

  test('a redirect to 127.0.0.1 is refused when only the server on 127.0.0.2 is allow-listed', async () => {
    const other = await startServer(
      { '/to-127': (req, res) => redirect(`http://127.0.0.1:${req.socket.localPort}/ok`)(req, res), '/ok': body('ok') },
      '127.0.0.2',
    );
    const fetcher = new Fetcher({ ...LOCAL, allowPrivateAddresses: false, allowedAddresses: ['127.0.0.2'] });
    try {
      assert.equal((await fetcher.fetch(other.url('/ok'), { purpose: 'page' })).text(), 'ok');
      await assert.rejects(fetcher.fetch(other.url('/to-127'), { purpose: 'page' }), (err: unknown) => {
        assert.ok(err instanceof BlockedAddressError);
        assert.equal(err.address, '127.0.0.1');
        assert.match(err.url, /^http:\/\/127\.0\.0\.1:/);
        return true;
      });
    } finally {
      await fetcher.close();
      await other.close();
    }
  });

  test('names resolving to metadata or to a mix of public and private addresses are refused', async () => {
    const fetcher = new Fetcher({
      ...LOCAL,
      allowPrivateAddresses: true,
      resolve: (hostname, _options, callback) => {
        if (hostname === 'metadata.test') callback(null, [{ address: '169.254.169.254', family: 4 }]);
        else
          callback(null, [
            { address: '93.184.215.14', family: 4 },
            { address: 'fe80::1', family: 6 },
          ]);
      },
    });
    try {
      await assert.rejects(
        fetcher.fetch('http://metadata.test/latest/meta-data/', { purpose: 'page' }),
        BlockedAddressError,
      );
      await assert.rejects(fetcher.fetch('http://rebind.test/', { purpose: 'page' }), (err: unknown) => {
        assert.ok(err instanceof BlockedAddressError);
        assert.equal(err.address, 'fe80::1');
        return true;
      });
    } finally {
      await fetcher.close();
    }
  });
});

describe('size limits', () => {
  // 50 MiB of zeros, squeezed to about 50 KB (gzip) and under 100 bytes (brotli).
  const zeros = Buffer.alloc(50 * MiB);
  const gzipBomb = gzipSync(zeros, { level: 9 });
  const brotliBomb = brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  const text = 'Hello, compressed world. '.repeat(200);
  let endlessClosed = false;
  const ctx = setup(
    {
      '/gzip-bomb': body(gzipBomb, { 'content-encoding': 'gzip' }),
      '/br-bomb': body(brotliBomb, { 'content-encoding': 'br' }),
      '/gzip': body(gzipSync(text), { 'content-encoding': 'gzip' }),
      '/deflate': body(deflateSync(text), { 'content-encoding': 'deflate' }),
      '/raw-deflate': body(deflateRawSync(text), { 'content-encoding': 'deflate' }),
      '/br': body(brotliCompressSync(text), { 'content-encoding': 'br' }),
      '/corrupt-gzip': body(Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' }),
      '/empty-gzip': body('', { 'content-encoding': 'gzip' }),
      '/zstd': body('whatever', { 'content-encoding': 'zstd' }),
      '/big-declared': (_req, res) => {
        res.writeHead(200, { 'content-length': String(2 * MiB) });
        res.write(Buffer.alloc(1024));
      },
      '/endless': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) {}
          if (!res.destroyed) res.once('drain', pump);
        };
        res.on('close', () => {
          endlessClosed = true;
        });
        pump();
      },
      '/truncated': (req, res) => {
        res.writeHead(200, { 'content-length': '1000', 'content-type': 'text/plain' });
        res.write(Buffer.alloc(100, 'x'), () => req.socket.destroy());
      },
    },
    { maxBodyBytes: MiB },
  );

  test('gzip, deflate (zlib and raw) and brotli bodies are decompressed', async () => {
    for (const path of ['/gzip', '/deflate', '/raw-deflate', '/br']) {
      const res = await ctx.fetcher.fetch(ctx.server.url(path), { purpose: 'page' });
      assert.equal(res.text(), text, path);
    }
    assert.equal(ctx.server.requests.find((r) => r.path === '/gzip')?.headers['accept-encoding'], 'gzip, deflate, br');
  });

  test('an empty body labelled gzip is empty; an unknown coding is refused', async () => {
    const empty = await ctx.fetcher.fetch(ctx.server.url('/empty-gzip'), { purpose: 'page' });
    assert.equal(empty.body.byteLength, 0);
    await assert.rejects(
      ctx.fetcher.fetch(ctx.server.url('/zstd'), { purpose: 'page' }),
      /Unsupported Content-Encoding "zstd"/,
    );
  });

  test('a gzip bomb is cut off at the cap', async () => {
    assert.ok(gzipBomb.byteLength < MiB); // small on the wire: only decompression reveals it
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/gzip-bomb'), { purpose: 'page' }), (err: unknown) => {
      assert.ok(err instanceof TooLargeError);
      assert.equal(err.limitBytes, MiB);
      return true;
    });
  });

  test('a brotli bomb is cut off at the cap', async () => {
    assert.ok(brotliBomb.byteLength < MiB);
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/br-bomb'), { purpose: 'page' }), TooLargeError);
  });

  test('an endless body is cut off at the cap and the connection dropped', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/endless'), { purpose: 'page' }), TooLargeError);
    for (let i = 0; i < 100 && !endlessClosed; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(endlessClosed, true);
  });

  test('a declared Content-Length over the cap is refused before reading', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/big-declared'), { purpose: 'page' }), TooLargeError);
  });

  test('a body cut short by the server is a clear NetworkError', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/truncated'), { purpose: 'page' }), (err: unknown) => {
      assert.ok(err instanceof NetworkError, String(err));
      assert.match(err.message, /cut short/);
      assert.equal(err.retryable, true);
      return true;
    });
  });

  test('a corrupt compressed body is a NetworkError', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/corrupt-gzip'), { purpose: 'page' }), (err: unknown) => {
      assert.ok(err instanceof NetworkError, String(err));
      assert.match(err.message, /[Cc]orrupt|compressed/);
      return true;
    });
  });
});

describe('timeouts and cancellation', () => {
  const ctx = setup(
    {
      '/stall': () => {}, // accepts the request and never answers
      '/stall-body': (_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('a few bytes, then nothing');
      },
    },
    { fetchTimeoutMs: 300 },
  );

  test('a server that never answers times out', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/stall'), { purpose: 'feed' }), (err: unknown) => {
      assert.ok(err instanceof FetchTimeoutError, String(err));
      assert.equal(err.phase, 'total');
      return true;
    });
  });

  test('a body that stops flowing times out', async () => {
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/stall-body'), { purpose: 'feed' }), FetchTimeoutError);
  });

  test("the caller's abort signal cancels with the caller's reason", async () => {
    const controller = new AbortController();
    const pending = ctx.fetcher.fetch(ctx.server.url('/stall'), { purpose: 'feed', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 20);
    await assert.rejects(pending, /shutting down/);
  });
});

describe('robots.txt', () => {
  const ctx = setup(
    {
      '/robots.txt': body('User-agent: *\nDisallow: /private\n\nUser-agent: Meridian\nDisallow: /no-meridian\n'),
      '/public': body('public'),
      '/private/page': body('secret'),
      '/no-meridian': body('not for us'),
    },
    { respectRobots: true },
  );
  const broken = setup({ '/robots.txt': (_req, res) => res.writeHead(500).end(), '/page': body('page') });

  test('a path disallowed for Meridian is refused without being requested', async () => {
    const res = await ctx.fetcher.fetch(ctx.server.url('/public'), { purpose: 'page' });
    assert.equal(res.text(), 'public');
    await assert.rejects(ctx.fetcher.fetch(ctx.server.url('/no-meridian'), { purpose: 'page' }), RobotsDisallowedError);
    // The Meridian group replaces the * group, so /private is allowed for us.
    assert.equal((await ctx.fetcher.fetch(ctx.server.url('/private/page'), { purpose: 'page' })).text(), 'secret');
    assert.equal(ctx.server.requests.filter((r) => r.path === '/no-meridian').length, 0);
    // Fetched once, then cached.
    assert.equal(ctx.server.requests.filter((r) => r.path === '/robots.txt').length, 1);
  });

  test('Crawl-delay spaces requests to the host', async () => {
    const starts: number[] = [];
    const server = await startServer({
      '/robots.txt': body('User-agent: *\nCrawl-delay: 0.3\n'),
      '/a': (_req, res) => {
        starts.push(Date.now());
        res.end('a');
      },
    });
    const fetcher = new Fetcher({ ...LOCAL, hostDelayMs: 0 });
    try {
      await Promise.all([1, 2].map(() => fetcher.fetch(server.url('/a'), { purpose: 'page' })));
      assert.equal(starts.length, 2);
      // A lower bound, not a speed test: the second start cannot come sooner than the delay.
      assert.ok(starts[1]! - starts[0]! >= 280, `gap ${starts[1]! - starts[0]!} ms`);
    } finally {
      await fetcher.close();
      await server.close();
    }
  });

  test('a robots.txt that fails with 5xx stops fetching from the site for a while', async () => {
    await assert.rejects(broken.fetcher.fetch(broken.server.url('/page'), { purpose: 'page' }), (err: unknown) => {
      assert.ok(err instanceof RobotsUnavailableError, String(err));
      assert.equal(err.retryable, true);
      assert.match(err.message, /HTTP 500/);
      assert.ok(err.retryAfterMs > 0);
      return true;
    });
    assert.equal(broken.server.requests.filter((r) => r.path === '/page').length, 0);
  });

  test('robots.txt can be turned off', async () => {
    const fetcher = new Fetcher({ ...LOCAL, respectRobots: false });
    try {
      assert.equal((await fetcher.fetch(broken.server.url('/page'), { purpose: 'page' })).text(), 'page');
    } finally {
      await fetcher.close();
    }
  });
});

describe('per-host concurrency', () => {
  const ctx = setup(
    { '/slow': (_req, res) => setTimeout(() => res.end('done'), 50) },
    { hostConcurrency: 2, hostDelayMs: 0 },
  );

  test('no more than N requests are in flight to one host', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => ctx.fetcher.fetch(ctx.server.url('/slow'), { purpose: 'page' })),
    );
    assert.equal(results.length, 6);
    assert.equal(ctx.server.maxInFlight(), 2);
  });
});

describe('TLS and DNS failures', () => {
  test('HTTPS works through the guarded connector, and an untrusted certificate is refused', async () => {
    const dir = new URL('../fixtures/net/tls/', import.meta.url);
    const server = createHttpsServer(
      { key: readFileSync(new URL('key.pem', dir)), cert: readFileSync(new URL('cert.pem', dir)) },
      (_req, res) => res.end('over tls'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fetcher = new Fetcher({ ...LOCAL, respectRobots: false });
    try {
      await assert.rejects(fetcher.fetch(`https://127.0.0.1:${port}/`, { purpose: 'page' }), (err: unknown) => {
        assert.ok(err instanceof NetworkError, String(err));
        assert.match(err.message, /TLS failure/);
        return true;
      });
    } finally {
      await fetcher.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a name that does not resolve is a NetworkError naming DNS', async () => {
    const fetcher = new Fetcher({
      ...LOCAL,
      respectRobots: false,
      resolve: (hostname, _options, callback) =>
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []),
    });
    try {
      await assert.rejects(fetcher.fetch('http://no-such-host.test/feed', { purpose: 'feed' }), (err: unknown) => {
        assert.ok(err instanceof NetworkError, String(err));
        assert.match(err.message, /DNS lookup failed/);
        return true;
      });
    } finally {
      await fetcher.close();
    }
  });
});

test('with robots.txt on, an unresolvable host is a temporary RobotsUnavailableError naming DNS', async () => {
  const fetcher = new Fetcher({
    ...LOCAL,
    resolve: (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []),
  });
  try {
    await assert.rejects(fetcher.fetch('http://no-such-host.test/feed', { purpose: 'feed' }), (err: unknown) => {
      assert.ok(err instanceof RobotsUnavailableError, String(err));
      assert.match(err.message, /DNS lookup failed/);
      assert.equal(err.retryable, true);
      return true;
    });
  } finally {
    await fetcher.close();
  }
});

describe('createFetcher', () => {
  test('reads the net settings from a Config', async () => {
    const server = await startServer({ '/x': body('x') });
    const config = Config.fromEnv({
      MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
      MERIDIAN_HOST_DELAY_MS: '0',
      MERIDIAN_CONTACT_URL: 'mailto:ops@example.org',
    });
    const fetcher = createFetcher(config);
    try {
      const res = await fetcher.fetch(server.url('/x'), { purpose: 'page' });
      assert.equal(res.text(), 'x');
      assert.match(fetcher.userAgent, /^Meridian\/.* \(\+mailto:ops@example\.org\)$/);
      assert.equal(server.requests.at(-1)?.headers['user-agent'], fetcher.userAgent);
      assert.match(server.requests.at(-1)?.headers.accept ?? '', /^text\/html/);
      await fetcher.fetch(server.url('/x'), { purpose: 'feed', accept: 'application/atom+xml' });
      assert.equal(server.requests.at(-1)?.headers.accept, 'application/atom+xml');
    } finally {
      await fetcher.close();
      await server.close();
    }
    const strict = createFetcher(Config.fromEnv({}));
    try {
      assert.match(strict.userAgent, /^Meridian\/\d/);
      await assert.rejects(strict.fetch(server.url('/x'), { purpose: 'page' }), BlockedAddressError);
    } finally {
      await strict.close();
    }
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FetchTimeoutError, HttpStatusError } from '../../src/net/errors.ts';
import { RobotsCache, type RobotsFetch } from '../../src/net/robots.ts';

/** A RobotsFetch answering from a script of outcomes, counting calls. */
function scripted(...outcomes: Array<string | Error>) {
  const calls: string[] = [];
  const fetch: RobotsFetch = async (url) => {
    calls.push(url);
    const next = outcomes.length > 1 ? outcomes.shift()! : outcomes[0]!;
    if (next instanceof Error) throw next;
    return { status: 200, text: () => next };
  };
  return { fetch, calls };
}

const page = (path: string) => new URL(`https://news.example${path}`);

test('rules for the Meridian group, else for *', async () => {
  const { fetch } = scripted('User-agent: *\nDisallow: /\n\nUser-agent: meridian\nDisallow: /admin\nAllow: /\n');
  const robots = new RobotsCache(fetch, { agent: 'Meridian' });
  assert.deepEqual(await robots.check(page('/world/article')), { allowed: true });
  assert.deepEqual(await robots.check(page('/admin/x')), { allowed: false });
  const { fetch: other } = scripted('User-agent: Googlebot\nAllow: /\n\nUser-agent: *\nDisallow: /private\n');
  const generic = new RobotsCache(other, { agent: 'Meridian' });
  assert.equal((await generic.check(page('/private/a'))).allowed, false);
  assert.equal((await generic.check(page('/public'))).allowed, true);
});

test('fetched once per origin while fresh, also under concurrency', async () => {
  const { fetch, calls } = scripted('User-agent: *\nDisallow: /x\n');
  const robots = new RobotsCache(fetch, { agent: 'Meridian' });
  await Promise.all([robots.check(page('/a')), robots.check(page('/b')), robots.check(page('/x'))]);
  await robots.check(page('/c'));
  assert.deepEqual(calls, ['https://news.example/robots.txt']);
  await robots.check(new URL('https://other.example/'));
  assert.equal(calls.length, 2);
});

test('a 4xx robots.txt allows everything', async () => {
  const { fetch } = scripted(new HttpStatusError('https://news.example/robots.txt', 404));
  const robots = new RobotsCache(fetch, { agent: 'Meridian' });
  assert.equal((await robots.check(page('/anything'))).allowed, true);
  const { fetch: forbidden } = scripted(new HttpStatusError('https://news.example/robots.txt', 403));
  assert.equal((await new RobotsCache(forbidden, { agent: 'Meridian' }).check(page('/x'))).allowed, true);
});

test('5xx, 429 or a timeout disallows everything until the error TTL passes', async () => {
  for (const failure of [
    new HttpStatusError('https://news.example/robots.txt', 503),
    new HttpStatusError('https://news.example/robots.txt', 429),
    new FetchTimeoutError('https://news.example/robots.txt', 'total', 1000),
  ]) {
    const { fetch, calls } = scripted(failure, 'User-agent: *\nAllow: /\n');
    const robots = new RobotsCache(fetch, { agent: 'Meridian', errorTtlMs: 0 });
    const verdict = await robots.check(page('/a'));
    assert.equal(verdict.allowed, false);
    assert.ok(verdict.unavailable);
    // errorTtlMs 0: asked again next time, and now it answers.
    assert.equal((await robots.check(page('/a'))).allowed, true);
    assert.equal(calls.length, 2);
  }
});

test('an error after a good copy keeps using the good copy', async () => {
  const { fetch } = scripted('User-agent: *\nDisallow: /private\n', new HttpStatusError('u', 500));
  const robots = new RobotsCache(fetch, { agent: 'Meridian', ttlMs: 0 });
  assert.equal((await robots.check(page('/a'))).allowed, true);
  // ttlMs 0 forces a refetch, which fails; the last good copy still applies.
  assert.equal((await robots.check(page('/a'))).allowed, true);
  assert.equal((await robots.check(page('/private/b'))).allowed, false);
});

test('Crawl-delay is reported in ms and capped', async () => {
  const { fetch } = scripted('User-agent: *\nCrawl-delay: 2\n');
  assert.deepEqual(await new RobotsCache(fetch, { agent: 'Meridian' }).check(page('/')), {
    allowed: true,
    crawlDelayMs: 2000,
  });
  const { fetch: slow } = scripted('User-agent: *\nCrawl-delay: 86400\n');
  const capped = await new RobotsCache(slow, { agent: 'Meridian', maxCrawlDelayMs: 30_000 }).check(page('/'));
  assert.equal(capped.crawlDelayMs, 30_000);
});

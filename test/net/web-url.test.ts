import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWebUrl, linkableUrl, MAX_URL_LENGTH, webUrl } from '../../src/net/web-url.ts';

test('webUrl accepts absolute http(s) URLs with a host and nothing else', () => {
  assert.equal(webUrl('https://example.org/a?b=1')?.href, 'https://example.org/a?b=1');
  assert.equal(webUrl('  http://example.org  ')?.href, 'http://example.org/');
  assert.equal(webUrl('/news/1', 'https://example.org/feed')?.href, 'https://example.org/news/1');
  for (const bad of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'javascript:///',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://example.org/x',
    'mailto:a@example.org',
    'vbscript:msgbox',
    'http://',
    '/relative/without/base',
    '',
    `https://example.org/${'a'.repeat(MAX_URL_LENGTH)}`,
  ]) {
    assert.equal(webUrl(bad), undefined, bad);
    assert.equal(isWebUrl(bad), false, bad);
    assert.equal(linkableUrl(bad), undefined, bad);
  }
  // A relative reference cannot climb out of http(s) through its base either.
  assert.equal(webUrl('x', 'javascript:alert(1)'), undefined);
  assert.equal(webUrl('javascript:alert(1)', 'https://example.org/'), undefined);
  assert.equal(isWebUrl(' https://example.org/'), false, 'a stored value is exact, not trimmed');
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';

test('linkedom is patched to create listener maps lazily (scripts/patch-linkedom.mjs)', () => {
  const file = createRequire(import.meta.url)
    .resolve('linkedom')
    .replace(/cjs\/index\.js$/, 'esm/interface/event-target.js');
  assert.match(readFileSync(file, 'utf8'), /meridian: lazy listener map/);
});

test('event listeners still work on patched nodes', () => {
  const window = parseHTML('<html><body><div id="a"><p id="b">x</p></div></body></html>');
  const { document } = window;
  const seen: string[] = [];
  const outer = (e: Event) => seen.push(`outer:${(e.target as Element).id}`);
  document.getElementById('a')?.addEventListener('ping', outer);
  const p = document.getElementById('b');
  const inner = () => seen.push('inner');
  p?.addEventListener('ping', inner);
  p?.dispatchEvent(new window.Event('ping', { bubbles: true }));
  p?.removeEventListener('ping', inner);
  p?.removeEventListener('never-added', inner);
  p?.dispatchEvent(new window.Event('ping', { bubbles: true }));
  assert.deepEqual(seen, ['inner', 'outer:b', 'outer:b']);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { withGenerated } from '../scripts/update-readme.ts';

test('the README lists every setting and every command (run `npx tsx scripts/update-readme.ts`)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.equal(readme, withGenerated(readme));
  assert.match(readme, /```sh\nnpm install && npm start\n```/);
  assert.match(readme, /```sh\nnpm install && npm test\n```/);
});

test('.ci/run runs the README’s test command', () => {
  const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
  assert.match(ci, /^npm install && npm test$/m);
});

#!/usr/bin/env node
// Runs after `npm install`. linkedom (pinned at 0.18.15) gives every DOM node a WeakMap entry
// holding an empty Map for event listeners, in its EventTarget constructor. Extraction parses
// thousands of nodes per page and never adds a listener, so those allocations were a quarter of
// `meridian extract`'s time (and most of its garbage collection). This patch creates the Map on
// the first addEventListener instead; behaviour is otherwise unchanged, and a test checks that
// listeners still work. The patch is skipped, with a warning, if the file does not look as
// expected (another linkedom version), so an upgrade can never break the install.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const files = ['esm/interface/event-target.js', 'cjs/interface/event-target.js'].map((f) =>
  fileURLToPath(new URL(`../node_modules/linkedom/${f}`, import.meta.url)),
);

const EAGER = /constructor\(\) \{\s*wm\.set\(this, new Map\);\s*\}/;
const ADD = /addEventListener\(type, listener, options\) \{\s*const map = wm\.get\(this\);/;
const REMOVE = /removeEventListener\(type, listener\) \{\s*const map = wm\.get\(this\);\s*if \(map\.has\(type\)\) \{/;

for (const file of files) {
  if (!existsSync(file)) continue;
  const source = readFileSync(file, 'utf8');
  if (source.includes('/* meridian: lazy listener map */')) continue;
  if (!EAGER.test(source) || !ADD.test(source) || !REMOVE.test(source)) {
    console.warn(`patch-linkedom: ${file} is not the expected version; left as it is (extraction will be slower)`);
    continue;
  }
  const patched = source
    .replace(EAGER, 'constructor() {} /* meridian: lazy listener map */')
    .replace(
      ADD,
      'addEventListener(type, listener, options) {\n    let map = wm.get(this);\n    if (!map) wm.set(this, (map = new Map()));',
    )
    .replace(
      REMOVE,
      'removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map && map.has(type)) {',
    );
  writeFileSync(file, patched);
}

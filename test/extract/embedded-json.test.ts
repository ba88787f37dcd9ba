import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractWithSource } from '../../src/extract/extract.ts';

const TITLE = 'Wie man eine runde Tischdecke näht';
const OWN = [
  'Unabhängig von Größe und Stil kannst du dich glücklich schätzen, wenn du einen runden Tisch hast.',
  'Um eine runde Tischdecke anzufertigen, musst du den Durchmesser des Tisches kennen.',
];
// The related article is longer than the page's own: picking by length alone would take it.
const RELATED = Array.from(
  { length: 6 },
  (_, i) => `Ein ganz anderer Text über Tafelreiniger, Absatz ${i}, mit vielen Worten.`,
);

function state(): unknown {
  return {
    props: {
      locale: 'de',
      project: {
        title: TITLE,
        description: `<p>${OWN[0]}</p>`,
        steps: [{ title: 'Schritt 1', text: `<p>${OWN[1]}</p>`, photo: { url: 'https://img.example/1.jpg' } }],
      },
      rightProject: { title: 'Kreide von der Tafel entfernen', steps: RELATED.map((text) => ({ text })) },
    },
  };
}

/** A page rendered in the browser: the markup has a title, a menu and an empty mount point. */
function page(embed: string): string {
  return `<!doctype html><html><head><title>${TITLE} | homify</title></head><body>
    <nav><a href="/">Start</a> <a href="/diy">DIY</a></nav><div id="root"></div>${embed}</body></html>`;
}

function bodyOf(html: string): string | undefined {
  return extractWithSource(html, 'https://www.example.de/diy/1')
    ?.article.blocks.map((b) => b.text)
    .join('\n');
}

describe('article text that lives only in embedded JSON', () => {
  test('a __NEXT_DATA__ script: the object titled as the page is the article, not its longer neighbour', () => {
    const html = page(`<script id="__NEXT_DATA__" type="application/json">${JSON.stringify(state())}</script>`);
    const result = extractWithSource(html, 'https://www.example.de/diy/1');
    assert.equal(result?.source, 'embedded-json');
    assert.equal(result?.article.blocks.map((b) => b.text).join('\n'), OWN.join('\n'));
  });

  test('a data-react-props attribute, entity-escaped as such attributes are', () => {
    const attribute = JSON.stringify(state()).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    assert.equal(bodyOf(page(`<div data-react-class="Page" data-react-props="${attribute}"></div>`)), OWN.join('\n'));
  });

  test('a window.__STATE__ assignment', () => {
    assert.equal(bodyOf(page(`<script>window.__STATE__ = ${JSON.stringify(state())};</script>`)), OWN.join('\n'));
  });

  test('JSON with no object titled as the page is no article: a neighbour is not the article', () => {
    const other = { props: { rightProject: { title: 'Kreide entfernen', steps: RELATED.map((text) => ({ text })) } } };
    assert.equal(
      extractWithSource(page(`<script type="application/json">${JSON.stringify(other)}</script>`), 'https://x.de/'),
      null,
    );
  });

  test('a page with its text in the markup never uses the JSON', () => {
    const prose = Array.from({ length: 5 }, () => `<p>${RELATED[0]} Und noch ein Satz dazu, damit es reicht.</p>`).join(
      '',
    );
    const html = page(`<article>${prose}</article><script type="application/json">${JSON.stringify(state())}</script>`);
    assert.notEqual(extractWithSource(html, 'https://x.de/')?.source, 'embedded-json');
  });
});

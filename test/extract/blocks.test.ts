import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { blocksFromElement } from '../../src/extract/blocks.ts';

test('a layout cell handed back without its table is walked as a container, its data table as a table', () => {
  // Readability often returns a page's layout <td> (or row) inside its own DIV, out of the table.
  const { document } = parseHTML(`<html><body><div id="content"><td class="MidColumn"><div class="ArticleText">
    <p>The first paragraph of the article, long enough to be prose.</p>
    <h4>Development statistics</h4>
    <p>The most active committers are:</p>
    <table><tbody><tr><th colspan="2">By changesets</th></tr>
      <tr><td>Herbert Dürr</td><td>63</td><td>16.6%</td></tr>
      <tr><td>Jürgen Schmidt</td><td>56</td><td>14.7%</td></tr></tbody></table>
    <p>The last paragraph.</p></div></td><td class="RightColumn"></td></div></body></html>`);
  const body = blocksFromElement(document.getElementById('content') as unknown as Element);
  assert.deepEqual(
    body.blocks.map((b) => b.kind),
    ['p', 'h3', 'p', 'table', 'p'],
  );
  assert.equal(body.blocks[3]?.text, 'By changesets\nHerbert Dürr\t63\t16.6%\nJürgen Schmidt\t56\t14.7%');
  assert.equal(body.blocks[4]?.text, 'The last paragraph.');
});

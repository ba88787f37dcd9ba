import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Child, escapeHtml, Html, renderToString } from '../../src/server/jsx/jsx-runtime.ts';

describe('the pages’ JSX runtime', () => {
  it('escapes text and attribute values, so foreign text cannot become markup', () => {
    const hostile = '<script>alert("x")</script> & more';
    const html = renderToString(
      <p title={hostile} data-x={'" onmouseover="alert(1)'}>
        {hostile}
      </p>,
    );
    assert.equal(
      html,
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" data-x="&quot; onmouseover=&quot;alert(1)">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</p>',
    );
  });

  it('escapes a string that looks like markup: only rendered elements pass through', () => {
    const looksLikeMarkup: Child = '<b>bold</b>';
    assert.equal(renderToString(<div>{looksLikeMarkup}</div>), '<div>&lt;b&gt;bold&lt;/b&gt;</div>');
    assert.equal(renderToString(<div>{<b>bold</b>}</div>), '<div><b>bold</b></div>');
  });

  it('writes sanitized HTML given as dangerouslySetInnerHTML as it is', () => {
    assert.equal(
      renderToString(
        <div class="table-wrap" dangerouslySetInnerHTML={{ __html: '<table><tr><td>1</td></tr></table>' }} />,
      ),
      '<div class="table-wrap"><table><tr><td>1</td></tr></table></div>',
    );
  });

  it('leaves out null, undefined and false attributes and writes true ones bare', () => {
    assert.equal(
      renderToString(
        <input id="q" hidden={true} disabled={false} placeholder={undefined} data-note={null} maxLength={200} />,
      ),
      '<input id="q" hidden maxlength="200">',
    );
  });

  it('writes booleans of ARIA and data attributes as words, which is what they mean there', () => {
    assert.equal(
      renderToString(
        <button type="button" aria-expanded={false} data-open={false}>
          <span aria-hidden={true}>+</span>
        </button>,
      ),
      '<button type="button" aria-expanded="false" data-open="false"><span aria-hidden="true">+</span></button>',
    );
  });

  it('writes the HTML names of React-style attribute names', () => {
    assert.equal(
      renderToString(
        <label className="x" htmlFor="q">
          <time dateTime="2026-01-01">New Year</time>
        </label>,
      ),
      '<label class="x" for="q"><time datetime="2026-01-01">New Year</time></label>',
    );
  });

  it('closes every element but the void ones', () => {
    assert.equal(renderToString(<div class="tip" />), '<div class="tip"></div>');
    assert.equal(renderToString(<img src="/a.png" alt="" />), '<img src="/a.png" alt="">');
    assert.equal(renderToString(<br />), '<br>');
  });

  it('renders components, fragments, lists, numbers, and nothing for null, false and empty components', () => {
    const Item = ({ n }: { n: number }) => <li>{n}</li>;
    const Nothing = () => null;
    const list = (
      <>
        <ul>
          {[1, 2, 3].map((n) => (
            <Item n={n} />
          ))}
        </ul>
        {false}
        {null}
        <Nothing />
        {0}
      </>
    );
    assert.ok(list instanceof Html);
    assert.equal(renderToString(list), '<ul><li>1</li><li>2</li><li>3</li></ul>0');
  });

  it('refuses what it cannot write safely: odd attribute names, objects as text or attributes', () => {
    assert.throws(() => renderToString(<p {...{ 'onclick="alert(1)"': 'x' }} />), /invalid attribute name/);
    assert.throws(() => renderToString(<p {...{ 'a b': 'x' }} />), /invalid attribute name/);
    const object = { toString: () => '<b>' } as unknown as Child;
    assert.throws(() => renderToString(<p>{object}</p>), /cannot render \[object Object\]/);
    const style = { color: 'red' } as unknown as string;
    assert.throws(() => renderToString(<p style={style} />), /attribute style of <p>/);
  });

  it('escapes the four characters that matter and returns other text as it is', () => {
    assert.equal(escapeHtml('a & b < c > d " e \' f'), "a &amp; b &lt; c &gt; d &quot; e ' f");
    const plain = 'Nothing to escape here: 東京 — ok';
    assert.equal(escapeHtml(plain), plain);
  });
});

/**
 * The JSX runtime of the server's pages: each element becomes its escaped HTML string as it is
 * created, with no virtual DOM in between.
 *
 * The pages are rendered once per request and never updated, so a virtual DOM only cost time:
 * preact built about 115 nodes for an article page and then walked them to print them, which
 * with the garbage it left was a quarter of the server's time per page. Here `<p>{text}</p>`
 * is a function call that returns `<p>…</p>` with the text escaped.
 *
 * Safety is the same as before, by construction: every string child and attribute value is
 * escaped; only `Html` (what an element returns) and `dangerouslySetInnerHTML` pass through as
 * markup, and the only `dangerouslySetInnerHTML` in the pages carries sanitized HTML.
 */

import { VOID_ELEMENTS } from '../../util/html-elements.ts';

/** Markup that is safe to write as it is: what rendering an element returns. */
export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** What may stand between tags: text (escaped), rendered markup, nothing, or lists of them. */
export type Child = Html | string | number | boolean | null | undefined | readonly Child[];

type AttributeValue = string | number | boolean | null | undefined;

/** The attributes of an HTML element, written as in HTML (`class`, `for`), and its children. */
export interface HtmlAttributes {
  children?: Child;
  /** Markup written unescaped: only ever for HTML that has been sanitized. */
  dangerouslySetInnerHTML?: { __html: string };
  [attribute: string]: AttributeValue | Child | { __html: string };
}

type Component<P> = (props: P) => Html | null;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const NEEDS_ESCAPE = /[&<>"]/;
const TO_ESCAPE = /[&<>"]/g;

/** Escapes text for element content and double-quoted attribute values alike. */
export function escapeHtml(text: string): string {
  // Most text has nothing to escape; testing first spares a copy of every such string.
  return NEEDS_ESCAPE.test(text) ? text.replace(TO_ESCAPE, (c) => ESCAPES[c] as string) : text;
}

function renderChild(child: Child): string {
  if (child instanceof Html) return child.html;
  if (typeof child === 'string') return escapeHtml(child);
  if (child == null || typeof child === 'boolean') return '';
  if (typeof child === 'number') return String(child);
  if (Array.isArray(child)) {
    let out = '';
    for (const c of child as readonly Child[]) out += renderChild(c);
    return out;
  }
  // An object here is a bug in a page (it would print "[object Object]"): fail loudly instead.
  throw new TypeError(`cannot render ${Object.prototype.toString.call(child)} as HTML`);
}

const VALID_NAME = /^[a-zA-Z][a-zA-Z0-9_.:-]*$/;
const attributeNames = new Map<string, string>();

/**
 * The written form of an attribute name: lower case (HTML parsers lower-case names anyway, and
 * the pages use a few React-style ones such as `dateTime`), checked once so that no name can
 * carry markup of its own.
 */
function attributeName(name: string): string {
  let written = attributeNames.get(name);
  if (written === undefined) {
    if (!VALID_NAME.test(name)) throw new TypeError(`invalid attribute name ${JSON.stringify(name)}`);
    written = name === 'className' ? 'class' : name === 'htmlFor' ? 'for' : name.toLowerCase();
    attributeNames.set(name, written);
  }
  return written;
}

function renderElement(tag: string, props: HtmlAttributes): Html {
  let html = `<${tag}`;
  for (const name in props) {
    if (name === 'children' || name === 'dangerouslySetInnerHTML' || name === 'key') continue;
    const value = props[name];
    if (value == null) continue;
    if (typeof value === 'boolean') {
      // ARIA and data attributes take the words: aria-hidden="" would not hide anything.
      if (name.startsWith('aria-') || name.startsWith('data-')) html += ` ${attributeName(name)}="${value}"`;
      else if (value) html += ` ${attributeName(name)}`;
    } else if (typeof value === 'string') html += ` ${attributeName(name)}="${escapeHtml(value)}"`;
    else if (typeof value === 'number') html += ` ${attributeName(name)}="${value}"`;
    else throw new TypeError(`attribute ${name} of <${tag}> is not a string, number or boolean`);
  }
  if (VOID_ELEMENTS.has(tag)) return new Html(`${html}>`);
  const inner = props.dangerouslySetInnerHTML;
  return new Html(`${html}>${inner ? inner.__html : renderChild(props.children)}</${tag}>`);
}

const VALID_TAG = /^[a-z][a-z0-9-]*$/;
const EMPTY = new Html('');

/** Called by compiled JSX for every element (`jsxs` when it has several static children). */
export function jsx(type: string | Component<never>, props: Record<string, unknown>): Html {
  if (typeof type === 'function') return (type as Component<typeof props>)(props) ?? EMPTY;
  if (!VALID_TAG.test(type)) throw new TypeError(`invalid tag name ${JSON.stringify(type)}`);
  return renderElement(type, props as HtmlAttributes);
}
export const jsxs = jsx;
export const jsxDEV = jsx;

/** `<>…</>`: its children, rendered one after another. */
export function Fragment(props: { children?: Child }): Html {
  return new Html(renderChild(props.children));
}

/** Renders any child (an element, text, a list) to its HTML string. */
export function renderToString(child: Child): string {
  return renderChild(child);
}

export declare namespace JSX {
  type Element = Html;
  interface ElementChildrenAttribute {
    children: unknown;
  }
  type IntrinsicElements = { [tag in keyof HTMLElementTagNameMap]: HtmlAttributes };
}

/**
 * A page whose <title> alone is `bytes` long, words of news, with an ordinary body (issue 17):
 * the hostile-request tests and bench/huge-article.ts import it. `published` dates the article,
 * so it is listed on its country page and in the feeds.
 */
export function hugeTitlePage(bytes: number, published?: string): string {
  const title = 'Envoy lands in Taiwan for talks '.repeat(Math.ceil(bytes / 32)).slice(0, bytes);
  const body = Array.from(
    { length: 4 },
    (_, i) =>
      `<p>Paragraph ${i}: officials from several countries met on Monday in the capital to discuss the talks on water rights along the river, a long dispute between neighbours.</p>`,
  ).join('');
  const date = published ? `\n<meta property="article:published_time" content="${published}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${date}</head><body><article><h1>Envoy lands</h1>${body}</article></body></html>`;
}

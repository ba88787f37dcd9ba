/**
 * The article page's bilingual toggle: shows each original block under its English translation
 * without a reload. Without JavaScript the same link reloads the page with ?original=1.
 */
const toggle = document.getElementById('toggle-original') as HTMLAnchorElement | null;
const article = document.getElementById('article');
if (toggle && article) {
  toggle.setAttribute('role', 'button');
  toggle.setAttribute('aria-pressed', String(article.classList.contains('show-original')));
  toggle.addEventListener('click', (e) => {
    e.preventDefault();
    const on = article.classList.toggle('show-original');
    toggle.setAttribute('aria-pressed', String(on));
    toggle.textContent = on ? 'Hide the original' : 'Show the original';
  });
}

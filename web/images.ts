/**
 * Pages link only to images Meridian has stored, yet one can still fail in the browser (a
 * connection dropped, a corrupted copy). Such an image leaves no hole: a figure loses its picture
 * and keeps its caption, a thumbnail's slot stays empty, a logo becomes the outlet's initial. An
 * island rather than `onerror` attributes, which the Content-Security-Policy rightly refuses.
 */
function collapse(img: HTMLImageElement): void {
  const figure = img.closest('figure');
  if (figure) {
    figure.classList.add('no-image');
    img.remove();
    if (!figure.querySelector('figcaption')) figure.remove();
    return;
  }
  const stand = document.createElement('span');
  if (img.classList.contains('logo') && img.dataset.initial) {
    stand.className = 'logo initial hue-0';
    stand.setAttribute('aria-hidden', 'true');
    stand.textContent = img.dataset.initial;
  }
  img.replaceWith(stand);
}

document.addEventListener(
  'error',
  (event) => {
    if (event.target instanceof HTMLImageElement) collapse(event.target);
  },
  true,
);
// Images that failed before this module ran.
for (const img of Array.from(document.images)) {
  if (img.complete && img.naturalWidth === 0 && img.getAttribute('src')) collapse(img);
}

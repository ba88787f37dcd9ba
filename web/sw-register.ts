/** Registers the service worker that keeps opened articles readable offline. */
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // Offline reading is a bonus: the site works the same without it.
  });
}

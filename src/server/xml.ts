/** Escapes text for XML element content and attribute values. */
export function xml(text: string | number | null | undefined): string {
  return (
    String(text ?? '')
      // Characters XML 1.0 forbids, even escaped.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

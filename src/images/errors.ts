/** The bytes are not an image Meridian keeps (unknown format, undecodable, too many pixels). */
export class UnsupportedImageError extends Error {
  override readonly name = 'UnsupportedImageError';
}

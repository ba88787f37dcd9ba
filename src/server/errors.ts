import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One error type per HTTP outcome; `app.onError` maps them to responses in one place. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}

export class NotFoundHttpError extends HttpError {
  constructor(message = 'Not found') {
    super(404, message);
  }
}

export function jsonError(c: Context, status: ContentfulStatusCode, message: string) {
  return c.json({ error: { status, message } }, status);
}

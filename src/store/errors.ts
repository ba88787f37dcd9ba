/** A store problem the operator can fix (missing folder, corrupt or read-only file, no server). */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** A row the caller asked for by id does not exist. */
export class NotFoundError extends Error {
  constructor(what: string, id: string | number) {
    super(`${what} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

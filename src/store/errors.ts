/** A store problem the operator can fix (missing folder, corrupt or read-only file, no server). */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

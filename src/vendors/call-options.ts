export interface CallOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /** Forwarded as `Idempotency-Key`; makes a POST safe to retry. */
  idempotencyKey?: string;
}

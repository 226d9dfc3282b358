/** Whether a request carries a multipart body: only uploads do, and they are the large ones. */
export function isMultipart(request: Request): boolean {
  return /^\s*multipart\/form-data/i.test(request.headers.get('content-type') ?? '');
}

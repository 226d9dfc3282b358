/** A GraphQL-shaped error answered before any GraphQL processing: no `data`, one error. */
export function errorResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

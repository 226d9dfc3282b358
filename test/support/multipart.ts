/** One part of a multipart/mixed incremental answer, with when it arrived. */
export interface TimedPart {
  json: {
    data?: Record<string, unknown>;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    incremental?: {
      data?: Record<string, unknown>;
      items?: unknown[];
      path: (string | number)[];
      label?: string;
      errors?: unknown[];
    }[];
    hasNext?: boolean;
  };
  /** Milliseconds since `start`. */
  at: number;
}

/**
 * Reads a `multipart/mixed` answer (the incremental delivery over HTTP Yoga speaks) part by part
 * as the bytes arrive, stamping each part with its arrival time: what a client rendering panels
 * as they come sees. Written from the multipart/mixed format (RFC 2046), not from the gateway.
 */
export async function readParts(response: Response, start: number): Promise<TimedPart[]> {
  const type = response.headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (!type.startsWith('multipart/mixed') || !boundary) {
    throw new Error(`not multipart/mixed: ${type} ${await response.text()}`);
  }
  const delimiter = `\r\n--${boundary}`;
  const parts: TimedPart[] = [];
  const decoder = new TextDecoder();
  let buffer = '\r\n';
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    let next: number;
    // A part is complete once the next delimiter has arrived.
    while ((next = buffer.indexOf(delimiter, 1)) !== -1) {
      const part = buffer.slice(0, next);
      buffer = buffer.slice(next);
      const body = part.indexOf('\r\n\r\n');
      if (body !== -1 && part.startsWith(delimiter)) {
        const text = part.slice(body + 4).trim();
        if (text)
          parts.push({ json: JSON.parse(text) as TimedPart['json'], at: Date.now() - start });
      }
    }
    if (done) break;
  }
  return parts;
}

/** The parts merged into one result the way a client applies them (defer: data; stream: items). */
export function assemble(parts: TimedPart[]): Record<string, unknown> {
  const data = structuredClone(parts[0]?.json.data ?? {});
  for (const { json } of parts.slice(1)) {
    for (const item of json.incremental ?? []) {
      if (item.items) {
        const at = item.path.slice(0, -1);
        const list = at.reduce<any>((node, key) => node[key], data) as unknown[];
        list.push(...item.items);
      } else if (item.data) {
        const target = item.path.reduce<any>((node, key) => node[key], data) as object;
        Object.assign(target, item.data);
      }
    }
  }
  return data;
}

// A loopback OTLP/HTTP trace receiver for tests, and both OTLP encodings read back into one shape:
// `http/json` (the proto3 JSON mapping, ids as hex) and `http/protobuf`, decoded here from the
// wire format by the field numbers of opentelemetry-proto's trace.proto, common.proto and
// trace_service.proto (so the oracle is the protocol, not the SDK that wrote it).
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';

export type AttrValue = string | number | boolean | AttrValue[];

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** trace.proto's SpanKind: 1 INTERNAL, 2 SERVER, 3 CLIENT. */
  kind: number;
  attributes: Record<string, AttrValue>;
  /** Status code: 0 unset, 1 ok, 2 error. */
  status: number;
  resource: Record<string, AttrValue>;
}

export const KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;

export interface OtlpReceiver {
  url: string;
  spans: ReceivedSpan[];
  /** Content types of the export requests received. */
  contentTypes: string[];
  paths: string[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const paths: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const type = req.headers['content-type'] ?? '';
      contentTypes.push(type);
      paths.push(req.url ?? '');
      if (type.startsWith('application/json')) {
        spans.push(...fromJson(JSON.parse(body.toString('utf8'))));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        spans.push(...fromProtobuf(body));
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    paths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// --- http/json -----------------------------------------------------------------------------

interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
}
type JsonKeyValue = { key: string; value: JsonAnyValue };

function jsonValue(v: JsonAnyValue): AttrValue {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  return (v.arrayValue?.values ?? []).map(jsonValue);
}

function jsonAttrs(list: JsonKeyValue[] | undefined): Record<string, AttrValue> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, jsonValue(kv.value)]));
}

function fromJson(body: {
  resourceSpans?: {
    resource?: { attributes?: JsonKeyValue[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: JsonKeyValue[];
        status?: { code?: number };
      }[];
    }[];
  }[];
}): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((rs) => {
    const resource = jsonAttrs(rs.resource?.attributes);
    return (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId ?? '',
        name: s.name,
        kind: s.kind,
        attributes: jsonAttrs(s.attributes),
        status: s.status?.code ?? 0,
        resource,
      })),
    );
  });
}

// --- http/protobuf -------------------------------------------------------------------------

interface Field {
  no: number;
  wire: number;
  /** Varints and fixed64 as bigint; length-delimited as bytes. */
  value: bigint | Buffer;
}

function* fields(buf: Buffer): Generator<Field> {
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buf[pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const no = key >> 3;
    const wire = key & 7;
    if (wire === 0) yield { no, wire, value: varint() };
    else if (wire === 1) {
      yield { no, wire, value: buf.readBigUInt64LE(pos) };
      pos += 8;
    } else if (wire === 2) {
      const length = Number(varint());
      yield { no, wire, value: buf.subarray(pos, pos + length) };
      pos += length;
    } else if (wire === 5) {
      yield { no, wire, value: BigInt(buf.readUInt32LE(pos)) };
      pos += 4;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

const bytes = (f: Field) => f.value as Buffer;

function anyValue(buf: Buffer): AttrValue {
  for (const f of fields(buf)) {
    if (f.no === 1) return bytes(f).toString('utf8');
    if (f.no === 2) return f.value === 1n;
    if (f.no === 3) return Number(BigInt.asIntN(64, f.value as bigint));
    if (f.no === 4) {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(f.value as bigint);
      return b.readDoubleLE(0);
    }
    if (f.no === 5) {
      const values: AttrValue[] = [];
      for (const g of fields(bytes(f))) if (g.no === 1) values.push(anyValue(bytes(g)));
      return values;
    }
  }
  return '';
}

function keyValue(buf: Buffer, into: Record<string, AttrValue>): void {
  let key = '';
  let value: AttrValue = '';
  for (const f of fields(buf)) {
    if (f.no === 1) key = bytes(f).toString('utf8');
    if (f.no === 2) value = anyValue(bytes(f));
  }
  into[key] = value;
}

function span(buf: Buffer, resource: Record<string, AttrValue>): ReceivedSpan {
  const out: ReceivedSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    name: '',
    kind: 0,
    attributes: {},
    status: 0,
    resource,
  };
  for (const f of fields(buf)) {
    if (f.no === 1) out.traceId = bytes(f).toString('hex');
    else if (f.no === 2) out.spanId = bytes(f).toString('hex');
    else if (f.no === 4) out.parentSpanId = bytes(f).toString('hex');
    else if (f.no === 5) out.name = bytes(f).toString('utf8');
    else if (f.no === 6) out.kind = Number(f.value);
    else if (f.no === 9) keyValue(bytes(f), out.attributes);
    else if (f.no === 15) {
      for (const g of fields(bytes(f))) if (g.no === 3) out.status = Number(g.value);
    }
  }
  return out;
}

function fromProtobuf(body: Buffer): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of fields(body)) {
    if (rs.no !== 1) continue;
    const resource: Record<string, AttrValue> = {};
    const scopeSpans: Buffer[] = [];
    for (const f of fields(bytes(rs))) {
      if (f.no === 1) {
        for (const g of fields(bytes(f))) if (g.no === 1) keyValue(bytes(g), resource);
      } else if (f.no === 2) scopeSpans.push(bytes(f));
    }
    for (const ss of scopeSpans) {
      for (const f of fields(ss)) if (f.no === 2) out.push(span(bytes(f), resource));
    }
  }
  return out;
}

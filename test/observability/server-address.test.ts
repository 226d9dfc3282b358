// `server.address` and `server.port` of a SERVER span, as the semantic conventions define them:
// the host and port the client addressed (its Host header), the port only when it is given.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressed } from '../../src/observability/span-parts.js';

const request = (host: string | undefined, url = 'http://gateway.test/graphql') =>
  new Request(url, { headers: host === undefined ? {} : { host } });

describe('the address a request was sent to', () => {
  it.each([
    ['gateway.example:8443', 'gateway.example', 8443],
    ['gateway.example', 'gateway.example', undefined],
    ['127.0.0.1:4000', '127.0.0.1', 4000],
    ['[::1]:4000', '[::1]', 4000],
    ['[::1]', '[::1]', undefined],
    ['[2001:db8::7]', '[2001:db8::7]', undefined],
    ['gateway.example:', 'gateway.example:', undefined],
    ['gateway.example:80a', 'gateway.example:80a', undefined],
  ])('Host %s is host %s, port %s', (header, host, port) => {
    // Asked twice: the second answer comes from what the first parsed, and must be the same.
    expect(addressed(request(header))).toEqual({ host, port });
    expect(addressed(request(header))).toEqual({ host, port });
  });

  it('falls back to the URL when there is no Host header (a fetch caller)', () => {
    // A Request made in-process (yoga.fetch) has no Host header: its URL is what was addressed.
    const viaUrl = new Request('http://gateway.example:8080/graphql');
    expect(viaUrl.headers.get('host')).toBeNull();
    expect(addressed(viaUrl)).toEqual({ host: 'gateway.example', port: 8080 });
    expect(addressed(new Request('https://gateway.example/graphql'))).toEqual({
      host: 'gateway.example',
      port: undefined,
    });
  });

  it('parses any number of distinct Host headers alike, past what it keeps', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined }),
        (host, port) => {
          const header = port === undefined ? host : `${host}:${port}`;
          expect(addressed(request(header))).toEqual({ host, port });
        },
      ),
      { numRuns: 300 },
    );
  });
});

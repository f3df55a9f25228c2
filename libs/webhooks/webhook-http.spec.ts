import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESPONSE_SNIPPET_CHARS, postWebhook } from './webhook-http';

/** The HTTP client against a real server on 127.0.0.1 (no network beyond loopback). */
describe('postWebhook', () => {
  let server: Server;
  let port: number;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url ?? '');
      request.resume();
      request.on('end', () => {
        if (request.url === '/ok') response.writeHead(204).end();
        else if (request.url === '/redirect') response.writeHead(302, { location: '/elsewhere' }).end();
        else if (request.url === '/chatty') response.writeHead(500).end(`\u0007trace: ${'y'.repeat(100_000)}`);
        else if (request.url === '/silent')
          return; // never answers
        else response.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = (url: string, allowLoopback = true, timeoutMs = 2000) =>
    postWebhook({ url, headers: { 'webhook-id': 'ntf_1' }, body: '{}', timeoutMs, policy: { allowLoopback } });

  it('succeeds on 2xx, by address or by a name resolved through the guarded lookup', async () => {
    expect(await post(`http://127.0.0.1:${port}/ok`)).toMatchObject({ ok: true, status: 204, error: null });
    expect(await post(`http://localhost:${port}/ok`)).toMatchObject({ ok: true, status: 204, error: null });
  });

  it('refuses, without connecting, a name that resolves to a forbidden address at delivery time', async () => {
    const before = seen.length;
    const result = await post(`https://localhost:${port}/ok`, false);
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/refused: localhost resolves to .* loopback address/);
    expect((await post(`http://127.0.0.1:${port}/ok`, false)).error).toBe('url must use https');
    expect((await post('https://10.0.0.1/ok', false)).error).toMatch(/private/);
    expect(seen.length).toBe(before);
  });

  it('does not follow redirects', async () => {
    const result = await post(`http://127.0.0.1:${port}/redirect`);
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(result.error).toBe('HTTP 302: redirects are not followed (Location: /elsewhere)');
    expect(seen).not.toContain('/elsewhere');
  });

  it('keeps only a short printable snippet of the answer', async () => {
    const result = await post(`http://127.0.0.1:${port}/chatty`);
    expect(result).toMatchObject({ ok: false, status: 500, error: 'HTTP 500' });
    expect(result.responseSnippet!.startsWith('trace: yyy')).toBe(true);
    expect(result.responseSnippet!.length).toBeLessThanOrEqual(RESPONSE_SNIPPET_CHARS);
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    const result = await post(`http://127.0.0.1:${port}/silent`, true, 300);
    expect(result).toMatchObject({ ok: false, status: null, error: 'timed out after 300 ms' });
  });

  it('reports connection failures', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await post(`http://127.0.0.1:${closedPort}/`);
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});

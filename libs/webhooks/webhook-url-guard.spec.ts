import { type HostResolver, type ResolvedAddress, addressRefusal, checkWebhookUrl } from './webhook-url-guard';

const STRICT = { allowLoopback: false };
const LOOPBACK_OK = { allowLoopback: true };

/** A resolver answering from a table; unknown names fail like NXDOMAIN. */
const resolver =
  (table: Record<string, string[]>): HostResolver =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const dns = resolver({
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'internal.example.com': ['10.1.2.3'],
  'mixed.example.com': ['93.184.216.34', '192.168.1.20'],
  'metadata.example.com': ['169.254.169.254'],
  'mapped.example.com': ['::ffff:10.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
  'empty.example.com': [],
});

describe('webhook URL guard', () => {
  it('accepts https on public addresses, by name (every address checked) or literally', async () => {
    await expect(checkWebhookUrl('https://hooks.example.com/intentcast', STRICT, dns)).resolves.toBe(
      'https://hooks.example.com/intentcast',
    );
    await expect(checkWebhookUrl('https://93.184.216.34:8443/hook', STRICT, dns)).resolves.toBe(
      'https://93.184.216.34:8443/hook',
    );
    await expect(checkWebhookUrl('https://[2606:4700::1111]/hook', STRICT, dns)).resolves.toBe(
      'https://[2606:4700::1111]/hook',
    );
  });

  it.each([
    ['http://hooks.example.com/', /https/],
    ['http://93.184.216.34/', /https/],
    ['ftp://hooks.example.com/', /https/],
    ['not a url', /absolute/],
    ['https://user:pass@hooks.example.com/', /credentials/],
    ['https://token@hooks.example.com/', /credentials/],
    [`https://hooks.example.com/${'a'.repeat(2100)}`, /at most 2048/],
  ])('refuses %s', async (url, reason) => {
    await expect(checkWebhookUrl(url, STRICT, dns)).rejects.toThrow(reason);
  });

  it.each([
    ['https://10.0.0.1/', 'private'],
    ['https://172.16.5.4/', 'private'],
    ['https://192.168.0.1/', 'private'],
    ['https://127.0.0.1/', 'loopback'],
    ['https://[::1]/', 'loopback'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://[fe80::1]/', 'link-local'],
    ['https://[fd00::1]/', 'unique-local'],
    ['https://100.64.0.1/', 'carrier-grade NAT'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://[ff02::1]/', 'multicast'],
    ['https://0.0.0.0/', 'unspecified'],
    ['https://[::]/', 'unspecified'],
    ['https://255.255.255.255/', 'broadcast'],
    ['https://192.0.2.1/', 'reserved'],
    ['https://[::ffff:10.0.0.1]/', 'private'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://[::ffff:169.254.169.254]/', 'link-local'],
    ['https://[64:ff9b::a00:1]/', 'NAT64'],
    ['https://[2002:a00:1::1]/', '6to4'],
    ['https://[::a00:1]/', 'IPv4-compatible'],
    // The URL parser's numeric forms are canonicalised before the check.
    ['https://0x7f000001/', 'loopback'],
    ['https://2130706433/', 'loopback'],
    ['https://017700000001/', 'loopback'],
  ])('refuses %s (%s)', async (url, range) => {
    await expect(checkWebhookUrl(url, STRICT, dns)).rejects.toThrow(range);
  });

  it('checks every address a name resolves to', async () => {
    await expect(checkWebhookUrl('https://internal.example.com/', STRICT, dns)).rejects.toThrow(
      'internal.example.com resolves to 10.1.2.3 is a private address',
    );
    await expect(checkWebhookUrl('https://mixed.example.com/', STRICT, dns)).rejects.toThrow('192.168.1.20');
    await expect(checkWebhookUrl('https://metadata.example.com/', STRICT, dns)).rejects.toThrow('link-local');
    await expect(checkWebhookUrl('https://mapped.example.com/', STRICT, dns)).rejects.toThrow('private');
    await expect(checkWebhookUrl('https://localhost/', STRICT, dns)).rejects.toThrow('loopback');
    await expect(checkWebhookUrl('https://nowhere.example.com/', STRICT, dns)).rejects.toThrow('does not resolve');
    await expect(checkWebhookUrl('https://empty.example.com/', STRICT, dns)).rejects.toThrow('does not resolve');
  });

  it('allows loopback, over http too, only when told to', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:4567/hook', LOOPBACK_OK, dns)).resolves.toBe(
      'http://127.0.0.1:4567/hook',
    );
    await expect(checkWebhookUrl('http://[::1]:4567/hook', LOOPBACK_OK, dns)).resolves.toBe('http://[::1]:4567/hook');
    await expect(checkWebhookUrl('http://localhost:4567/', LOOPBACK_OK, dns)).resolves.toBe('http://localhost:4567/');
    await expect(checkWebhookUrl('http://127.0.0.1:4567/hook', STRICT, dns)).rejects.toThrow('https');
    // Loopback being allowed opens neither http elsewhere nor private ranges.
    await expect(checkWebhookUrl('http://93.184.216.34/', LOOPBACK_OK, dns)).rejects.toThrow('https');
    await expect(checkWebhookUrl('http://hooks.example.com/', LOOPBACK_OK, dns)).rejects.toThrow('https');
    await expect(checkWebhookUrl('https://10.0.0.1/', LOOPBACK_OK, dns)).rejects.toThrow('private');
    await expect(checkWebhookUrl('https://169.254.169.254/', LOOPBACK_OK, dns)).rejects.toThrow('link-local');
  });

  it('judges single addresses (the check a connection makes on what it resolved)', () => {
    expect(addressRefusal('93.184.216.34', STRICT)).toBeNull();
    expect(addressRefusal('2606:4700::1111', STRICT)).toBeNull();
    expect(addressRefusal('10.0.0.1', STRICT)).toMatch(/private/);
    expect(addressRefusal('::ffff:192.168.1.1', STRICT)).toMatch(/private/);
    expect(addressRefusal('127.0.0.1', STRICT)).toMatch(/loopback/);
    expect(addressRefusal('127.0.0.1', LOOPBACK_OK)).toBeNull();
    expect(addressRefusal('::ffff:127.0.0.1', LOOPBACK_OK)).toBeNull();
    expect(addressRefusal('fe80::1%eth0', LOOPBACK_OK)).toMatch(/link-local/);
    expect(addressRefusal('not-an-ip', STRICT)).toMatch(/not an IP address/);
  });
});

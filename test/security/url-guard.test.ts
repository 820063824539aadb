// The private-address guard as it runs in production: no spelling of an internal address leads to a connection,
// and registration answers the same whether an address is refused, closed or unreachable.
import '../setup/private-urls-refused';
import net from 'node:net';
import { config } from '../../src/config';
import { DeliveryFailed, send } from '../../src/forward/client';
import { isPrivateAddress } from '../../src/forward/url-guard';
import { startHub, type Hub } from '../harness/hub';

/** A loopback listener (IPv4 and, where the host has it, IPv6) that only counts the connections it receives. */
async function countingListener(): Promise<{ port: number; count: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const onSocket = (socket: net.Socket) => {
    connections += 1;
    socket.destroy();
  };
  const v4 = net.createServer(onSocket);
  await new Promise<void>((resolve) => v4.listen(0, '127.0.0.1', resolve));
  const port = (v4.address() as net.AddressInfo).port;
  const v6 = net.createServer(onSocket);
  await new Promise<void>((resolve) => v6.once('error', () => resolve()).listen(port, '::1', resolve));
  const close = (s: net.Server) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()));
  return { port, count: () => connections, close: async () => void (await Promise.all([close(v4), close(v6)])) };
}

// The attack's spellings and the classic ones: loopback, unspecified, private, link-local, multicast, special.
const hosts = [
  '127.0.0.1',
  '127.0.0.1.',
  '127.1',
  '0x7f.1',
  '0x7f000001',
  '2130706433',
  '0177.0.0.1',
  '017700000001',
  'localhost',
  'LOCALHOST',
  '0.0.0.0',
  '0',
  '[::1]',
  '[::]',
  '[0:0:0:0:0:0:0:1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[0:0:0:0:0:ffff:127.0.0.1]',
  '[::ffff:0.0.0.0]',
  '[::ffff:0:0]',
  '[::127.0.0.1]',
  '[::7f00:1]',
  '[::ffff:0:127.0.0.1]',
  '[64:ff9b::127.0.0.1]',
  '[64:ff9b::7f00:1]',
  '[64:ff9b:1::7f00:1]',
  '[2002:7f00:1::]',
  '[2002:7f00:0001:0:0:0:0:1]',
  '10.0.0.1',
  '172.16.0.1',
  '192.168.1.1',
  '100.64.0.1',
  '169.254.169.254',
  '[::ffff:a9fe:a9fe]',
  '[64:ff9b::a9fe:a9fe]',
  '[2002:a9fe:a9fe::]',
  '[fe80::1]',
  '[fd00::1]',
  '[fc00::1]',
  '[fec0::1]',
  '[ff02::1]',
  '224.0.0.1',
  '255.255.255.255',
  '198.18.0.1',
];

describe('the private-address guard, with HUB_ALLOW_PRIVATE_URLS unset', () => {
  let hub: Hub;
  let listener: Awaited<ReturnType<typeof countingListener>>;
  const urls = () => hosts.map((h) => `https://${h}:${listener.port}/ocpi/versions`);

  beforeAll(async () => {
    expect(config.allowPrivateUrls).toBe(false);
    listener = await countingListener();
    hub = await startHub();
  });
  afterAll(async () => {
    await hub.stop();
    await listener.close();
  });

  test('when the listener is called directly, then it counts (the probe can see a connection)', async () => {
    const socket = net.connect(listener.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('close', resolve).once('error', resolve));
    expect(listener.count()).toBe(1);
  });

  test('when the hub is asked to send to any spelling of an internal address, then it refuses before connecting', async () => {
    const before = listener.count();
    for (const url of [...urls(), `http://127.0.0.1:${listener.port}/`, `http://[::ffff:7f00:1]:${listener.port}/`]) {
      const failure = await send({ method: 'GET', url }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(DeliveryFailed);
      expect([url, ['private', 'url'].includes((failure as DeliveryFailed).kind)]).toEqual([url, true]);
    }
    expect(listener.count()).toBe(before);
  });

  test('when resolved addresses are spelled in any IPv6 form, then the embedded IPv4 address decides', () => {
    for (const a of [
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:0:0',
      '64:ff9b::a00:1',
      '2002:c0a8:101::1',
      '::ffff:0:a9fe:a9fe',
      'fe80::1%eth0',
      'not-an-ip',
    ]) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['8.8.8.8', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', '2606:4700:4700::1111']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, false]);
    }
  });

  test('when a party registers with an internal versions URL, then it gets one generic 3001 and no connection is made', async () => {
    const before = listener.count();
    const messages = new Set<string>();
    const { tokenA } = await hub.createPlatform('probe', [{ role: 'CPO', country_code: 'NL', party_id: 'PRB' }]);
    // a public address fails on the network instead (this machine has loopback only): the same answer
    for (const url of [...urls(), 'https://8.8.8.8:9/ocpi/versions']) {
      const res = await hub.ocpi('POST', '/ocpi/2.2.1/credentials', {
        token: tokenA,
        body: {
          token: 'B-probe',
          url,
          roles: [{ role: 'CPO', party_id: 'PRB', country_code: 'NL', business_details: { name: 'probe' } }],
        },
      });
      expect([url, res.status, res.body.status_code]).toEqual([url, 400, 3001]);
      messages.add(String(res.body.status_message).replace(url, 'URL'));
    }
    expect([...messages]).toEqual(["the party's versions endpoint at URL could not be reached"]);
    expect(listener.count()).toBe(before);
  }, 60_000);

  test('when the operator registers the hub at an internal versions URL, then it gets the same generic refusal', async () => {
    const before = listener.count();
    const { id } = await hub.createPlatform('probe2', [{ role: 'CPO', country_code: 'NL', party_id: 'PR2' }]);
    for (const url of urls()) {
      const res = await hub.admin('POST', `/platforms/${id}/register`, { versions_url: url, token: 'their-token-a' });
      expect([url, res.status]).toEqual([url, 502]);
      expect(JSON.stringify(res.body)).toContain(`the party's versions endpoint at ${url} could not be reached`);
    }
    expect(listener.count()).toBe(before);
  }, 60_000);
});

// The hub's public URL with PORT=0: the port the system picked, known once the server listens (main, the harness).
import { listeningOn, loadConfig } from '../../src/config';

const env = {
  MONGODB_URI: 'mongodb://db/ocpi-hub',
  HUB_ADMIN_TOKEN: 'a-production-admin-token',
  HUB_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

test('when PORT is a number, then the public URL carries it and listening changes nothing', () => {
  const config = loadConfig({ ...env, PORT: '8080' });
  listeningOn(41234);
  expect([config.port, config.publicUrl]).toEqual([8080, 'http://127.0.0.1:8080']);
});

test('when HUB_PUBLIC_URL is given, then it is the public URL whatever port the hub got', () => {
  const config = loadConfig({ ...env, PORT: '0', HUB_PUBLIC_URL: 'https://hub.example.com/' });
  listeningOn(41234);
  expect(config.publicUrl).toBe('https://hub.example.com');
});

test('when PORT=0 and no public URL is given, then the URL is the port the server got, and unknown before it listens', () => {
  jest.isolateModules(() => {
    const fresh = jest.requireActual<{ loadConfig: typeof loadConfig; listeningOn: typeof listeningOn }>(
      '../../src/config',
    );
    const config = fresh.loadConfig({ ...env, PORT: '0' });
    expect(() => config.publicUrl).toThrow(/unknown until the hub listens/);
    fresh.listeningOn(41234);
    expect(config.publicUrl).toBe('http://127.0.0.1:41234');
    expect(Object.isFrozen(config)).toBe(true);
  });
});

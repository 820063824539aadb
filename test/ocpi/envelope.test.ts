// Every answer under /ocpi is an OCPI envelope with the conventions table's statuses; ids echoed; helmet headers.
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
let token: string;
beforeAll(async () => {
  hub = await startHub();
  token = (await hub.createPlatform('P', [{ role: 'CPO', country_code: 'NL', party_id: 'ENV' }])).tokenA;
});
afterAll(() => hub.stop());

describe('OCPI envelope and headers', () => {
  test('when a route is unknown, then 404 with an OCPI envelope', async () => {
    const res = await hub.ocpi('GET', '/ocpi/2.2.1/nothing-here', { token });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      status_code: 2000,
      status_message: 'no OCPI endpoint GET /ocpi/2.2.1/nothing-here',
      timestamp: expect.any(String),
    });
  });

  test('when the body is not valid JSON, then 400 and status 2000', async () => {
    const res = await hub.ocpi('POST', '/ocpi/2.2.1/credentials', { token, rawBody: '{"token": ' });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2000);
    expect(res.body.status_message).toMatch(/not valid JSON/);
  });

  test('when a field is invalid, then 400 and 2001 naming the field', async () => {
    const res = await hub.ocpi('POST', '/ocpi/2.2.1/credentials', {
      token,
      body: { token: 'x', url: 'not a url', roles: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.url/);
  });

  test('when X-Request-ID and X-Correlation-ID are sent, then they are echoed; when absent, then generated', async () => {
    const sent = await hub.ocpi('GET', '/ocpi/versions', {
      token,
      headers: { 'X-Request-ID': 'req-1', 'X-Correlation-ID': 'corr-1' },
    });
    expect(sent.headers.get('x-request-id')).toBe('req-1');
    expect(sent.headers.get('x-correlation-id')).toBe('corr-1');
    const made = await hub.ocpi('GET', '/ocpi/versions', { token });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('when the version details are read, then every endpoint has an identifier, a role and a URL on the hub', async () => {
    const res = await hub.ocpi('GET', '/ocpi/2.2.1', { token });
    expect(res.body.data.version).toBe('2.2.1');
    for (const e of res.body.data.endpoints) {
      expect(e).toEqual({
        identifier: expect.any(String),
        role: expect.stringMatching(/^(SENDER|RECEIVER)$/),
        url: expect.stringContaining(hub.url),
      });
    }
    expect((await call('GET', res.body.data.endpoints[0].url, { token })).body.status_code).toBe(1000);
  });
});

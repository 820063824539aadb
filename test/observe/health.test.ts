// Liveness, readiness and Prometheus metrics: no auth, no secrets.
import { setReadiness } from '../../src/observe/health';
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';
import { cpoModules } from '../harness/modules';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

test('when the process runs, then /healthz answers 200 without a token', async () => {
  expect(await call('GET', `${hub.url}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
});

test('when the worker and jobs are not running, then /readyz is 503; once they run, 200', async () => {
  const before = await call('GET', `${hub.url}/readyz`);
  expect(before).toMatchObject({ status: 503, body: { database: true, worker: false } });
  setReadiness({ worker: true, jobs: true });
  expect((await call('GET', `${hub.url}/readyz`)).status).toBe(200);
  setReadiness({ worker: false, jobs: false });
});

test('when traffic flowed, then /metrics shows requests by module and status, party counts and event-loop lag, and no secret', async () => {
  const cpo = await hub.connect({ roles: [{ role: 'CPO', country_code: 'NL', party_id: 'MET' }], modules: cpoModules });
  await cpo.ocpi('GET', '/ocpi/2.2.1/locations/sender');
  const res = await call('GET', `${hub.url}/metrics`);
  expect(res.status).toBe(200);
  const text = String(res.body);
  expect(text).toMatch(/ocpi_hub_requests_total\{module="locations",method="GET",status="200",ocpi_status="1000"\} 1/);
  expect(text).toMatch(/ocpi_hub_parties\{status="CONNECTED"\} 1/);
  expect(text).toContain('ocpi_hub_nodejs_eventloop_lag_seconds');
  expect(text).not.toContain(cpo.hubToken!);
});

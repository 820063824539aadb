// src/server.ts: requests and responses are born with the app's prototypes, so express's per-request
// Object.setPrototypeOf finds nothing to change, and everything express adds to req and res still works.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { serverFor } from '../../src/server';
import { close } from '../harness/listen';

test('req and res keep the prototype they were born with, and express still serves them', async () => {
  const app = express();
  app.use(express.json());
  app.post('/echo/:id', (req, res) => {
    res
      .status(201)
      .json({ id: req.params.id, header: req.get('x-test'), body: req.body as unknown, app: req.app === app });
  });
  const server = serverFor(app);
  // before express's own listener: the prototypes req and res have at birth
  const born: boolean[] = [];
  server.prependListener('request', (req, res) =>
    born.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response),
  );
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const id of ['a', 'b']) {
      const res = await fetch(`${url}/echo/${id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Test': `t-${id}` },
        body: JSON.stringify({ n: 1 }),
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id, header: `t-${id}`, body: { n: 1 }, app: true });
    }
    expect(born).toEqual([true, true]);
  } finally {
    await close(server);
  }
});

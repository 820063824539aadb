// The baseline of the broadcast benchmark: a bare express endpoint that forwards each body with axios to the
// receivers and answers once they all have it. Nothing else: no storage, no signing, no outbox. A child process,
// like the hub: BENCH_TARGETS is a comma-separated list of the receivers' locations endpoints.
import http from 'node:http';
import axios from 'axios';
import express from 'express';

const targets = (process.env.BENCH_TARGETS ?? '').split(',').filter(Boolean);
// the same client settings as the hub's (src/forward/client.ts)
const client = axios.create({
  httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  validateStatus: () => true,
});
const PREFIX = '/ocpi/2.2.1/locations/receiver';

const app = express();
app.use(express.json({ limit: '1mb' }));
app.put(`${PREFIX}/*rest`, async (req, res) => {
  const rest = req.path.slice(PREFIX.length);
  const answers = await Promise.all(
    targets.map((t) => client.put(t + rest, req.body, { headers: { Authorization: 'Token YmVuY2g=' } })),
  );
  const failed = answers.find((a) => a.status !== 200);
  res.status(failed ? 502 : 200).json({ status_code: failed ? 3000 : 1000, timestamp: new Date().toISOString() });
});

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  if (process.send) process.send({ port });
  else console.log(`baseline forwarder on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));

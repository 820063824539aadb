// Starts the real hub in this test file's process: its own database, the express app on 127.0.0.1.
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { createApp } from '../../src/app';
import { config, listeningOn } from '../../src/config';
import { loadKeyring } from '../../src/crypto/keyring';
import { loadSigningKeys } from '../../src/crypto/signing-keys';
import { flushAudit } from '../../src/audit/log';
import { drain } from '../../src/outbox/worker';
import { FakeParty, type FakePartyOptions } from './fake-party';
import { enrol, type Registrar } from './fake-server';
import { call, type Answer, type CallOptions } from './http';
import { close, listen } from './listen';

export interface Hub extends Registrar {
  /** The operator API with the admin token. */
  admin: <T = any>(method: string, path: string, body?: unknown) => Promise<Answer<T>>;
  ocpi: <T = any>(method: string, path: string, o?: CallOptions) => Promise<Answer<T>>;
  /** Starts a fake party, declares it and has it register (party-initiated); stopped with the hub. */
  connect: (options: FakePartyOptions) => Promise<FakeParty>;
  /** Runs the outbox until nothing is due. */
  drain: typeof drain;
  stop: () => Promise<void>;
}

export async function startHub(): Promise<Hub> {
  mongoose.set('strictQuery', true); // as src/db/connect.ts does in production
  if (mongoose.connection.readyState !== 1)
    await mongoose.connect(config.mongodbUri ?? '', { writeConcern: { w: 'majority', journal: true } });
  await mongoose.connection.syncIndexes();
  await loadKeyring();
  await loadSigningKeys();
  const { server } = await listen(createApp(), config.port, { hub: true }); // PORT=0 in tests: the system picks
  listeningOn((server.address() as AddressInfo).port);
  const url = config.publicUrl;
  const parties: FakeParty[] = [];
  const admin: Hub['admin'] = (method, path, body) =>
    call(method, `${url}/admin${path}`, { bearer: config.adminToken, body });
  const hub: Hub = {
    url,
    versionsUrl: `${url}/ocpi/versions`,
    admin,
    async createPlatform(name, roles) {
      const res = await admin('POST', '/platforms', { name, roles });
      if (res.status !== 201) throw new Error(`createPlatform: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, tokenA: res.body.token_a };
    },
    ocpi: (method, path, o) => call(method, path.startsWith('http') ? path : `${url}${path}`, o),
    connect(options) {
      const party = new FakeParty(options);
      parties.push(party); // stopped with the hub even if it fails to register
      return enrol(hub, party, `${options.roles[0]?.party_id} backend`, options.roles);
    },
    drain,
    async stop() {
      await Promise.all(parties.map((p) => p.stop()));
      await close(server);
      await flushAudit().catch(() => undefined);
      await mongoose.connection.dropDatabase();
      await mongoose.disconnect();
    },
  };
  return hub;
}

// Whether a body conforms to a component schema of the hub's committed OpenAPI document (its 2.2.1 objects as
// the hub sends them): the problems found, [] when it conforms.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const doc = JSON.parse(readFileSync(path.resolve(__dirname, '../../openapi/openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, unknown> };
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const ref = (name: string) => `https://ocpi-hub.test/schemas/${name}`;
for (const [name, schema] of Object.entries(doc.components.schemas)) {
  ajv.addSchema(
    JSON.parse(
      JSON.stringify(schema).replace(/"#\/components\/schemas\/([^"]+)"/g, (_m, n: string) => JSON.stringify(ref(n))),
    ),
    ref(name),
  );
}

export function conformance(name: string, body: unknown): string[] {
  const validate = ajv.getSchema(ref(name));
  if (!validate) return [`no schema ${name}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

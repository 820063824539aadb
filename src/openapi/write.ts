// Writes openapi/openapi.json from the endpoint tables and zod schemas (`npm run openapi`); commit the result.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { modules } from '../app';
import { buildDocument, serialize } from './document';

const file = path.resolve(__dirname, '../../openapi/openapi.json');
writeFileSync(file, serialize(buildDocument(modules)));
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);

// How a strict 2.2.1 party's router lays out its URLs (a kind one lists them without the trailing `/`): versions,
// details and one endpoint per listed module, and what it answers to a URL written in another form.
import type express from 'express';
import { refuse } from './fake-server';

export type Listed = { identifier: string; role: 'SENDER' | 'RECEIVER' };

/** An endpoint's path as listed: credentials has no role segment. */
export const endpointPath = (m: Listed, slash: string) =>
  `/ocpi/2.2.1/${m.identifier}${m.identifier === 'credentials' ? '' : `/${m.role.toLowerCase()}`}${slash}`;

/** The endpoints a party lists in its 2.2.1 details, with their URLs. */
export function endpoints(base: string, modules: Listed[], slash: string, listCredentials = true) {
  const all: Listed[] = [
    ...(listCredentials ? [{ identifier: 'credentials', role: 'RECEIVER' as const }] : []),
    ...modules,
  ];
  return all.map((m) => ({ ...m, url: `${base}${endpointPath(m, slash)}` }));
}

/**
 * As real routers do: 307 from a listed URL written without its trailing `/` to the listed one; 404 for `//`.
 * Whether it answered.
 */
export function wrongForm(req: express.Request, res: express.Response, base: string, modules: Listed[]): boolean {
  const query = req.originalUrl.slice(req.path.length);
  if (req.path.includes('//')) return (refuse(res, 404, 2000, `no such path ${req.path}`), true);
  const listed = ['/ocpi/versions', '/ocpi/2.2.1', '/ocpi/2.2.1/credentials'];
  listed.push(...modules.map((m) => endpointPath(m, '')));
  if (!listed.includes(req.path)) return false;
  res.status(307).set('Location', `${base}${req.path}/${query}`).end();
  return true;
}

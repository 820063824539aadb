// Version information (version_information_endpoint.asciidoc): what the hub reads from a party and serves itself.
import { z } from 'zod';
import { Url } from '../../ocpi/types';

export const InterfaceRole = z.enum(['SENDER', 'RECEIVER']);
export type InterfaceRole = z.infer<typeof InterfaceRole>;

export const Version = z.looseObject({ version: z.string().min(1), url: Url });
export type Version = z.infer<typeof Version>;
export const VersionList = z.array(Version);

export const Endpoint = z.looseObject({ identifier: z.string().min(1), role: InterfaceRole, url: Url });
export type Endpoint = z.infer<typeof Endpoint>;

export const VersionDetails = z.looseObject({ version: z.string().min(1), endpoints: z.array(Endpoint) });
export type VersionDetails = z.infer<typeof VersionDetails>;

/** 2.1.1 details: endpoints carry no role; each module has one URL (the party's single role decides the interface). */
export const Endpoint211 = z.looseObject({ identifier: z.string().min(1), url: Url });
export const VersionDetails211 = z.looseObject({ version: z.string().min(1), endpoints: z.array(Endpoint211) });

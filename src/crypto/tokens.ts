// Credentials tokens: generation, and reading the `Authorization: Token ...` header (transport_and_format).
import { randomBytes } from 'node:crypto';

/** 256 bits, base64url: printable ASCII well inside the 64 characters credentials allow. */
export const newToken = (): string => randomBytes(32).toString('base64url');

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * 2.2.x sends base64(token); many 2.1.1 parties send the raw token. Both readings are returned, decoded
 * first, so the caller can look each up; a decoding that is not printable ASCII is not a token.
 */
export function tokenCandidates(header: string | undefined): string[] {
  const match = /^Token\s+(\S+)\s*$/i.exec(header ?? '');
  const value = match?.[1];
  if (!value) return [];
  const candidates: string[] = [];
  if (BASE64.test(value) && value.length % 4 === 0) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    if (/^[\x21-\x7e]+$/.test(decoded)) candidates.push(decoded);
  }
  candidates.push(value);
  return candidates;
}

export const encodeToken = (token: string, encoding: 'base64' | 'raw'): string =>
  encoding === 'raw' ? `Token ${token}` : `Token ${Buffer.from(token, 'utf8').toString('base64')}`;

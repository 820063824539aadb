// The OCPI response envelope (transport_and_format: every response is {data?, status_code, status_message?,
// timestamp}).
import { Status } from './status';

export interface Envelope<T = unknown> {
  data?: T;
  status_code: number;
  status_message?: string;
  timestamp: string;
}

export function envelope<T>(data: T | undefined, statusCode: number = Status.SUCCESS, message?: string): Envelope<T> {
  const body: Envelope<T> = { status_code: statusCode, timestamp: new Date().toISOString() };
  if (data !== undefined) body.data = data;
  if (message !== undefined) body.status_message = message;
  return body;
}

export const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' && value !== null && typeof (value as Envelope).status_code === 'number';

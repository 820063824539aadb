// Request bodies a party encrypted to the hub's published key (Content-Type: application/jose) are decrypted
// before anything else reads them; the rest of the hub sees plain JSON.
import express, { type RequestHandler } from 'express';
import { config } from '../config';
import { decryptWithHub } from '../crypto/jwe';
import { cryptoOps } from '../observe/metrics';
import { unreadableRequest } from '../ocpi/errors';

const readText = express.text({ type: 'application/jose', limit: config.bodyLimit });

export const decryptBodies: RequestHandler = (req, res, next) => {
  // most bodies are plain JSON: the Content-Type is parsed only when it may name application/jose
  if (!req.headers['content-type']?.toLowerCase().includes('jose') || !req.is('application/jose')) return next();
  readText(req, res, (error?: unknown) => {
    if (error) return next(error);
    decryptWithHub(String(req.body))
      .then((plaintext) => JSON.parse(plaintext) as unknown)
      .then(
        (body) => {
          req.body = body;
          cryptoOps.inc({ operation: 'decrypt' });
          next();
        },
        () =>
          next(
            unreadableRequest(
              "the application/jose body could not be decrypted with the hub's keys (see /.well-known/jwks.json)",
            ),
          ),
      );
  });
};

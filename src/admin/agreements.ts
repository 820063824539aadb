// Admin API for roaming agreements: which CPO and eMSP may exchange data (and for which modules).
import { Router } from 'express';
import { isValidObjectId } from 'mongoose';
import { z } from 'zod';
import { CountryCode, PartyId } from '../ocpi/types';
import { partyKey } from '../ocpi/routing';
import { AgreementModel, invalidateAgreements, type Agreement } from '../policy/agreements';
import { FUNCTIONAL_MODULES } from '../policy/roles';
import { AdminError, parseAdmin } from './schema';

const Party = z.strictObject({ country_code: CountryCode, party_id: PartyId });
export const CreateAgreement = z.strictObject({
  cpo: Party,
  emsp: Party,
  modules: z.array(z.enum(FUNCTIONAL_MODULES)).optional(),
});

const split = (key: string) => ({ country_code: key.slice(0, 2), party_id: key.slice(3) });
const view = (a: Agreement) => ({
  id: String(a._id),
  cpo: split(a.cpo),
  emsp: split(a.emsp),
  modules: a.modules.length ? a.modules : null,
  created_at: a.created_at,
});

export const agreementsRouter = Router();

agreementsRouter.post('/', async (req, res) => {
  const body = parseAdmin(CreateAgreement, req.body);
  try {
    const created = await AgreementModel.create({
      cpo: partyKey(body.cpo),
      emsp: partyKey(body.emsp),
      modules: body.modules ?? [],
    });
    invalidateAgreements();
    res.status(201).json(view(created.toObject()));
  } catch (error) {
    if ((error as { code?: number }).code === 11000)
      throw new AdminError(409, `an agreement between ${partyKey(body.cpo)} and ${partyKey(body.emsp)} exists already`);
    throw error;
  }
});

agreementsRouter.get('/', async (_req, res) => {
  res.json((await AgreementModel.find().sort({ created_at: 1 }).lean<Agreement[]>()).map(view));
});

agreementsRouter.delete('/:id', async (req, res) => {
  const id = String(req.params.id);
  const removed = isValidObjectId(id) ? await AgreementModel.findByIdAndDelete(id) : null;
  if (!removed) throw new AdminError(404, `no agreement ${id}`);
  invalidateAgreements();
  res.status(204).end();
});

// CDRs for 2.2.1 receivers: Prices lose a 2.3.0 tax list, an unlisted token type becomes OTHER, an unlisted
// connector standard is replaced, and the CDR's tariffs go as 2.2.1 tariffs.
import { isKnown } from '../../ocpi/open-enum';
import { ConnectorType } from '../../modules/locations/schema';
import { CDR_COSTS } from '../v230/cdrs';
import { isObj, outbound, type Lost } from '../fields';
import { costsTo221 } from './sessions';
import { tariffTo221 } from './tariffs';

/**
 * CdrLocation.connector_standard is required, so an unlisted standard (MCS...) cannot be left out: the CDR must
 * still reach the eMSP. SAE J3400 becomes TESLA_S (2.3.0 ConnectorType: mechanically compatible); any other, the
 * combined-charging type of its power type (IEC_62196_T2_COMBO for DC, IEC_62196_T2 for AC), counted.
 */
function cdrLocationTo221(loc: unknown, lost: Lost): unknown {
  if (!isObj(loc) || loc.connector_standard === undefined || isKnown(ConnectorType, loc.connector_standard)) return loc;
  lost('cdr_location.connector_standard');
  const standard =
    loc.connector_standard === 'SAE_J3400'
      ? 'TESLA_S'
      : loc.connector_power_type === 'DC'
        ? 'IEC_62196_T2_COMBO'
        : 'IEC_62196_T2';
  return { ...loc, connector_standard: standard };
}

export function cdrTo221(cdr: unknown, lost: Lost): unknown {
  if (!isObj(cdr)) return cdr;
  const out = costsTo221(cdr, CDR_COSTS, lost);
  if (out.cdr_location !== undefined) out.cdr_location = cdrLocationTo221(out.cdr_location, lost);
  if (Array.isArray(out.tariffs)) out.tariffs = out.tariffs.map((t) => tariffTo221(t, 'tariffs[].', lost));
  return out;
}

export const cdrs = outbound((_kind, c, lost) => cdrTo221(c, lost));

import { joinUrl } from '../../src/ocpi/url';

describe('joinUrl: calls below an endpoint URL exactly as the partner listed it', () => {
  it('when the path is empty then the listed URL is used untouched, trailing / included', () => {
    expect(joinUrl('https://cpo.example/ocpi/2.2.1/cdrs/')).toBe('https://cpo.example/ocpi/2.2.1/cdrs/');
    expect(joinUrl('https://cpo.example/ocpi/2.2.1/cdrs', '')).toBe('https://cpo.example/ocpi/2.2.1/cdrs');
  });

  it('when only a query follows then it is appended to the URL as listed', () => {
    expect(joinUrl('https://cpo.example/locations/', '?offset=10&limit=5')).toBe(
      'https://cpo.example/locations/?offset=10&limit=5',
    );
    expect(joinUrl('https://cpo.example/locations', '?offset=10')).toBe('https://cpo.example/locations?offset=10');
  });

  it('when segments follow then exactly one / separates them, whichever side had one', () => {
    for (const base of ['https://e.example/sessions', 'https://e.example/sessions/', 'https://e.example/sessions//']) {
      for (const path of ['/NL/CPO/S1', 'NL/CPO/S1', '//NL/CPO/S1'])
        expect(joinUrl(base, path)).toBe('https://e.example/sessions/NL/CPO/S1');
    }
  });

  it('when the path carries a query then it stays after the segments', () => {
    expect(joinUrl('https://e.example/tokens/', '/NL/MSP/T1?type=RFID')).toBe(
      'https://e.example/tokens/NL/MSP/T1?type=RFID',
    );
  });

  it('when the listed URL has a query of its own then it is kept after the appended path', () => {
    expect(joinUrl('https://e.example/cdrs/?tenant=7', '/NL/CPO/C1')).toBe('https://e.example/cdrs/NL/CPO/C1?tenant=7');
  });
});

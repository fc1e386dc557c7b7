import { createRequire } from 'node:module';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { loadFastFormats } from '../../src/codegen/emit/fast-formats.js';

/**
 * The generated validators check `uuid` and `date-time` with quicker code of their own
 * (src/codegen/emit/fast-formats.ts). Every answer must be ajv-formats' answer.
 */
const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as {
  fullFormats: { uuid: RegExp; 'date-time': { validate: (text: string) => boolean } };
};
const fast = loadFastFormats() as {
  uuid: (text: string) => boolean;
  'date-time': { validate: (text: string) => boolean };
};

const digit = fc.constantFrom(...'0123456789');
const digits = (length: number) => fc.string({ unit: digit, minLength: length, maxLength: length });
// Mostly the right characters in the right places, now and then a wrong one anywhere.
const noisy = (arbitrary: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary },
    { weight: 1, arbitrary: fc.tuple(arbitrary, fc.nat(), fc.string({ maxLength: 2 }))
      .map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert +
        text.slice((at % (text.length + 1)) + 1)) },
  );

const dateTimes = noisy(
  fc.tuple(
    digits(4), digits(2), digits(2), fc.constantFrom('T', 't', ' ', '\t', 'x'),
    digits(2), digits(2), digits(2),
    fc.option(digits(1).chain((first) => digits(3).map((rest) => `.${first}${rest}`)), { nil: '' }),
    fc.constantFrom('Z', 'z', '', '+', '-', '+01:00', '-23:59', '+24:00', '+05:60', '+0100', '+01'),
  ).map(([year, month, day, separator, hour, minute, second, fraction, zone]) =>
    `${year}-${month}-${day}${separator}${hour}:${minute}:${second}${fraction}${zone}`),
);

const hex = fc.constantFrom(...'0123456789abcdefABCDEFgG-');
const uuids = noisy(
  fc.tuple(fc.constantFrom('', '', '', 'urn:uuid:', 'URN:UUID:'),
    fc.string({ unit: hex, minLength: 32, maxLength: 32 }))
    .map(([prefix, h]) => `${prefix}${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-` +
      `${h.slice(16, 20)}-${h.slice(20)}`),
);

describe('the quicker format checks of the generated validators', () => {
  it('answer date-time exactly as ajv-formats does', () => {
    fc.assert(fc.property(dateTimes, (text) => {
      expect(fast['date-time'].validate(text)).toBe(fullFormats['date-time'].validate(text));
    }), { numRuns: 20_000 });
  });

  it('answer uuid exactly as ajv-formats does', () => {
    fc.assert(fc.property(uuids, (text) => {
      expect(fast.uuid(text)).toBe(fullFormats.uuid.test(text));
    }), { numRuns: 20_000 });
  });

  it('agree on the cases at the edges of each range', () => {
    const cases = [
      '2024-02-29T12:00:00Z', '2023-02-29T12:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z', '2024-12-31T23:59:59.999+23:59', '2024-00-10T00:00:00Z',
      '2024-01-00T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T23:60:00Z',
      '2016-12-31T23:59:60Z', '2016-12-31T15:59:60-08:00', '2024-01-01T00:00:60Z',
      '2024-01-01T00:00:00.Z', '2024-01-01T00:00:00', '2024-01-01T00:00:00+01', '2024-01-01 00:00:00Z',
      '2024-01-01T00:00:00ZZ', '٢٠٢٤-01-01T00:00:00Z', '2024-01-01T00:00:00+01:00:00',
      '2024-01-01T00:00:00\u00a0', '2024-01-01\u00a000:00:00Z', '+2024-01-01T00:00:00Z',
      // ajv-formats reads 59.999… as a number, which rounds to 60 past about 15 digits.
      '2026-01-05T10:00:59.9999999999999999Z', '2026-01-05T10:00:59.999999999999999Z',
      '2016-12-31T23:59:59.99999999999999999Z', '2026-01-05T10:00:58.9999999999999999Z',
    ];
    for (const text of cases) {
      expect([text, fast['date-time'].validate(text)]).toEqual([text, fullFormats['date-time'].validate(text)]);
    }
    const ids = ['5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '5A1D2C3B-4E5F-4A6B-8C7D-9E0F1A2B3C4D',
      'urn:uuid:5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '5a1d2c3b4e5f-4a6b-8c7d-9e0f1a2b3c4d-',
      '5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4g', ''];
    for (const text of ids) expect([text, fast.uuid(text)]).toEqual([text, fullFormats.uuid.test(text)]);
  });

  it('accept the common spelling without falling back, so that they are quicker at all', () => {
    // A check that always fell back would still agree; this one fails if the quick path is dead.
    const quickOnly = loadFastFormatsWithoutFallback();
    expect(quickOnly['date-time'].validate('2026-12-04T18:56:43.123Z')).toBe(true);
    expect(quickOnly['date-time'].validate('2026-12-04T18:56:43+01:00')).toBe(true);
    expect(quickOnly.uuid('5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d')).toBe(true);
  });
});

/** The same formats with ajv-formats' checks replaced by ones that always say no. */
function loadFastFormatsWithoutFallback() {
  const never = { uuid: /(?!)/, 'date-time': { validate: () => false, compare: () => 0 } };
  const load = (id: string) => (id === 'ajv-formats/dist/formats' ? { fullFormats: never } : require(id));
  return loadFastFormats(load as NodeRequire) as typeof fast;
}

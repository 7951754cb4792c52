import { describe, expect, it } from 'vitest';
import { countSegments, describeCount, gsm7Septets, ucs2Warning } from './encoding';

describe('countSegments', () => {
  it('counts an empty text as no SMS', () => {
    expect(countSegments('')).toMatchObject({ encoding: 'GSM_7', units: 0, segments: 0, unitsLeftInLastSegment: 160 });
  });

  it('fits 160 GSM-7 characters in one SMS and splits 161 into two parts of 153', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM_7', segments: 1, unitsLeftInLastSegment: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, unitsPerSegment: 153, unitsLeftInLastSegment: 145 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension characters as two septets and never cuts one across two parts', () => {
    expect(gsm7Septets('€')).toBe(2);
    expect(gsm7Septets('[')).toBe(2);
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM_7', characters: 80, units: 160, segments: 1 });
    // 152 septets, then an escape sequence that would straddle the boundary: it starts the second part.
    const count = countSegments('a'.repeat(152) + '€' + 'a'.repeat(10));
    expect(count).toMatchObject({ units: 164, segments: 2, unitsLeftInLastSegment: 153 - 12 });
  });

  it('switches to UCS-2 for one character outside the GSM alphabet and names it', () => {
    const count = countSegments('Hello “Grace”');
    expect(count).toMatchObject({ encoding: 'UCS_2', units: 13, segments: 1, unitsPerSegment: 70 });
    expect(count.nonGsmCharacters).toEqual(['“', '”']);
    expect(ucs2Warning(count)).toContain('““”, “”” are not in the GSM alphabet');
  });

  it('keeps accented letters of the GSM alphabet in GSM-7', () => {
    expect(countSegments('Café à Zürich, ¿qué tal?').encoding).toBe('GSM_7');
    expect(countSegments('Ça va').encoding).toBe('GSM_7');
    expect(countSegments('ç').encoding).toBe('UCS_2'); // only the capital Ç is in the table
  });

  it('counts an emoji as two UCS-2 units and never splits the pair', () => {
    expect(countSegments('🙂')).toMatchObject({ encoding: 'UCS_2', characters: 1, units: 2, segments: 1 });
    expect(countSegments('a'.repeat(70))).toMatchObject({ encoding: 'GSM_7', segments: 1 });
    const count = countSegments('ä'.repeat(0) + 'é'.repeat(66) + '🙂' + 'x'.repeat(3) + 'ç');
    expect(count.encoding).toBe('UCS_2');
    expect(count.units).toBe(66 + 2 + 3 + 1);
    // 66 units, then the pair would straddle 67: it moves to the second part.
    expect(count).toMatchObject({ segments: 2, unitsLeftInLastSegment: 67 - 6 });
  });

  it('describes the count in words', () => {
    expect(describeCount(countSegments('Hi'))).toBe('GSM-7 · 2 of 160 · 1 SMS');
    expect(describeCount(countSegments('a'.repeat(200)))).toBe('GSM-7 · 2 SMS · 106 left in the last');
    expect(ucs2Warning(countSegments('plain'))).toBeNull();
  });
});

// How a text travels as SMS, computed while the seller types (conversation-service's /api/segment-preview answers the
// same; the pane asks it only for a template's filled text). GSM 03.38 is fixed by the standard, so the table is here.

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Reached through the escape character: two septets each. */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

export type Encoding = 'GSM_7' | 'UCS_2';

export interface SegmentCount {
  encoding: Encoding;
  /** Code points (what a person counts as characters). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  unitsPerSegment: number;
  unitsLeftInLastSegment: number;
  /** The distinct characters that GSM-7 cannot carry, in order of appearance: why the text is UCS-2. */
  nonGsmCharacters: string[];
}

const CAPACITY: Record<Encoding, { single: number; multi: number }> = {
  GSM_7: { single: 160, multi: 153 },
  UCS_2: { single: 70, multi: 67 },
};

/** Septets a character costs in GSM-7, 0 when GSM-7 cannot carry it. */
export function gsm7Septets(character: string): number {
  if (character.length !== 1) return 0; // beyond the Basic Multilingual Plane: an emoji, say
  if (GSM7_BASIC.includes(character)) return 1;
  return GSM7_EXTENSION.includes(character) ? 2 : 0;
}

export function countSegments(text: string): SegmentCount {
  const characters = Array.from(text);
  const nonGsm = [...new Set(characters.filter((c) => gsm7Septets(c) === 0))];
  const encoding: Encoding = nonGsm.length === 0 ? 'GSM_7' : 'UCS_2';
  const costs = characters.map((c) => (encoding === 'GSM_7' ? gsm7Septets(c) : c.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, multi } = CAPACITY[encoding];
  const base = { encoding, characters: characters.length, units, nonGsmCharacters: nonGsm };
  if (units <= single) {
    return { ...base, segments: units === 0 ? 0 : 1, unitsPerSegment: single, unitsLeftInLastSegment: single - units };
  }
  // An escape sequence or a surrogate pair is never cut across two parts, so a part may hold one unit less.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { ...base, segments, unitsPerSegment: multi, unitsLeftInLastSegment: multi - used };
}

/** The counter's words, e.g. "GSM-7 · 42 of 160 · 1 SMS". */
export function describeCount(count: SegmentCount): string {
  const name = count.encoding === 'GSM_7' ? 'GSM-7' : 'UCS-2';
  if (count.segments <= 1) {
    return `${name} · ${count.units} of ${count.unitsPerSegment} · ${count.segments} SMS`;
  }
  return `${name} · ${count.segments} SMS · ${count.unitsLeftInLastSegment} left in the last`;
}

/** Why the text costs more than it seems to, or null when it is plain GSM-7. */
export function ucs2Warning(count: SegmentCount): string | null {
  if (count.encoding === 'GSM_7') return null;
  const shown = count.nonGsmCharacters.slice(0, 5).map((c) => `“${c}”`).join(', ');
  const more = count.nonGsmCharacters.length > 5 ? ' and more' : '';
  const verb = count.nonGsmCharacters.length === 1 ? 'is' : 'are';
  return `${shown}${more} ${verb} not in the GSM alphabet: the message travels as UCS-2, 70 characters per SMS instead of 160.`;
}

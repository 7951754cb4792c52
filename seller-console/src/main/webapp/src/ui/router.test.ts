import { describe, expect, it } from 'vitest';
import { parseRoute } from './router';

describe('parseRoute', () => {
  it('reads every way in', () => {
    expect(parseRoute('')).toEqual({ page: 'conversations' });
    expect(parseRoute('#/conversations')).toEqual({ page: 'conversations' });
    expect(parseRoute('#/conversations/abc')).toEqual({ page: 'conversation', id: 'abc' });
    expect(parseRoute('#/records/contact%2F1')).toEqual({ page: 'record', id: 'contact/1' });
    expect(parseRoute('#/records/c-1/open?customer=%2B14255550100&business=%2B14255550199')).toEqual({
      page: 'open',
      recordId: 'c-1',
      customer: '+14255550100',
      business: '+14255550199',
    });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'conversations' });
  });
});

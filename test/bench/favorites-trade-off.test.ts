import { describe, expect, it } from 'vitest';
import { favoritesTradeOff } from '../../bench/measures/favorites-trade-off.js';

const prices = { dynamoWruPerMillion: 0.625, dynamoRruPerMillion: 0.125 };

// The numbers a design decision rests on: a slip in the arithmetic would argue for the wrong design.
describe('the favorites page trade-off in the cost sketch', () => {
  it('prices today’s two reads against one read of copies', () => {
    const text = favoritesTradeOff(900, prices);
    // 20 favorites of 150 B in one 4 KB unit, 20 posts of 900 B each rounded up to 4 KB; 20 copies of 1,050 B.
    expect(text).toContain('10.5 RRU');
    expect(text).toContain('one Query of 3\nRRU');
    expect(text).toContain('$0.94 saved per million pages');
  });

  it('counts every count change rewriting each copy written before it', () => {
    const rows = favoritesTradeOff(900, prices)
      .split('\n')
      .filter((line) => /^\| [\d,]+ \|/.test(line));
    // 1,000 favorites: 999·1,000/2 rewrites as they arrive, and 100 comments × 1,000 copies; 4 WRU each.
    expect(rows[1]).toMatch(/^\| 1,000 \| 100 \| 599,500 \| \$1\.50 \| 31,973 \| 2\.0 s \|$/);
    expect(rows).toHaveLength(3);
  });

  it('makes each copy dearer as posts grow past a write unit', () => {
    expect(favoritesTradeOff(3000, prices)).toContain('Each copy write is 8 WRU');
  });
});

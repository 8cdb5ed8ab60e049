/** DynamoDB on-demand prices the trade-off is priced at (the cost sketch's own). */
export interface DynamoPrices {
  dynamoWruPerMillion: number;
  dynamoRruPerMillion: number;
}

/** A favorite item as stored today: keys, both GSI keys, post id, user id and time. */
const FAVORITE_ITEM_BYTES = 150;
const PAGE = 20;

const rru = (bytes: number) => Math.ceil(bytes / 4096) * 0.5;
const wru = (bytes: number) => Math.ceil(bytes / 1024);

/**
 * Why `GET /api/me/favorites` reads twice, priced: a page is a Query of the viewer's favorites plus a BatchGet of
 * their posts. One read would need a copy of each post, counts included, in every favorite of it, and every count
 * change (a comment, a favorite) rewriting all of that post's copies. `postBytes` is a post item's size.
 */
export function favoritesTradeOff(postBytes: number, prices: DynamoPrices): string {
  const copyBytes = postBytes + FAVORITE_ITEM_BYTES;
  const todayRru = rru(PAGE * FAVORITE_ITEM_BYTES) + PAGE * rru(postBytes);
  const copiesRru = rru(PAGE * copyBytes);
  // What one post's copy saves each time it is shown in someone's favorites page.
  const savedPerShowingUsd = ((todayRru - copiesRru) / PAGE) * (prices.dynamoRruPerMillion / 1e6);
  // The copy is written to the table and to gsi2, which must carry it for the Query to return it.
  const wruPerCopy = 2 * wru(copyBytes);
  const usd = (value: number) => `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;
  const count = (value: number) => value.toLocaleString('en');
  const rows = [100, 1_000, 10_000].map((favorites) => {
    const comments = favorites / 10;
    // The k-th favorite rewrites the k - 1 copies before it (and writes its own); each comment rewrites all.
    const rewrites = (favorites * (favorites - 1)) / 2 + comments * favorites;
    const cost = (rewrites * wruPerCopy * prices.dynamoWruPerMillion) / 1e6;
    // A favorite's copies share the post's partition, which takes 1,000 WCU a second.
    const secondsPerChange = (favorites * wru(copyBytes)) / 1000;
    const showingsPerHolder = Math.round(cost / savedPerShowingUsd / favorites);
    return `| ${count(favorites)} | ${count(comments)} | ${count(rewrites)} | ${usd(cost)} | ${count(showingsPerHolder)} | ${secondsPerChange.toFixed(1)} s |`;
  });
  return [
    `A page of ${PAGE} favorites today: a Query of ${PAGE} favorite items and a BatchGet of ${PAGE} posts of`,
    `${postBytes} B, ${todayRru} RRU. With a copy of each post in each favorite it would be one Query of ${copiesRru}`,
    `RRU: $${(savedPerShowingUsd * PAGE * 1e6).toFixed(2)} saved per million pages. The copies would cost this, per post, over its life:`,
    '',
    '| favorites | comments | copies rewritten | writes, USD | times each holder must see it in their favorites to repay that | one change’s rewrite, at a partition’s 1,000 WCU/s |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Each copy write is ${wruPerCopy} WRU (the table and gsi2). A popular post’s counts would lag further behind with every`,
    'favorite, and its partition would be throttled for everything else on it. So the route is held to its own rule',
    '(one Query of the viewer’s own list, then one BatchGet of exactly the posts it names), decided on these numbers.',
  ].join('\n');
}

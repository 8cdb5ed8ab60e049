/** How much of each measurement a run does: the full bench, or the quick check that it still works. */
export interface Scale {
  name: 'full' | 'quick';
  posts: number;
  coldStart: { rounds: number; profile: boolean };
  handlerLoop: { rounds: number; warmMs: number; measureMs: number };
  http: { rounds: number; warmSeconds: number; seconds: number; connections: number };
  peerStart: { rounds: number };
  fanOut: { sizes: number[]; rounds: number };
}

export const FULL: Scale = {
  name: 'full',
  posts: 20,
  coldStart: { rounds: 15, profile: true },
  handlerLoop: { rounds: 3, warmMs: 500, measureMs: 2_000 },
  http: { rounds: 3, warmSeconds: 1, seconds: 5, connections: 50 },
  peerStart: { rounds: 8 },
  fanOut: { sizes: [1_000, 5_000], rounds: 5 },
};

export const QUICK: Scale = {
  name: 'quick',
  posts: 3,
  coldStart: { rounds: 1, profile: true },
  handlerLoop: { rounds: 1, warmMs: 20, measureMs: 100 },
  http: { rounds: 1, warmSeconds: 0, seconds: 1, connections: 4 },
  peerStart: { rounds: 1 },
  fanOut: { sizes: [5, 20], rounds: 1 },
};

/** Time and identity sources, injected so tests can pin them. */
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** A new id that sorts after every id made before it (ids double as creation order). */
  next(): string;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * A small seeded pseudo-random generator, so a faulty run can be replayed exactly.
 *
 * @since 0.1.0
 */

/**
 * Returns a generator of numbers in [0, 1), the same sequence for the same seed (mulberry32).
 *
 * @since 0.1.0
 * @category constructors
 */
export const seeded = (seed: number): () => number => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

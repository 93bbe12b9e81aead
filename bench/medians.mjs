// How the phone benchmarks sum up their loads: the median of the loads
// that gave a figure (a load may miss one, as a page that never goes live),
// and figures rounded for the tables.

/** The median of the values that are present; null if none is. */
export const median = (values) => {
  const present = values.filter((v) => v != null).sort((a, b) => a - b);
  return present.length ? present[Math.floor(present.length / 2)] : null;
};

/** `x` rounded to `digits` decimals; null stays null. */
export const round = (x, digits = 0) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

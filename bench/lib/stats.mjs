// The bench's statistics: the quartiles of a list of samples.

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  };
  return {
    n: s.length,
    median: at(0.5),
    p25: at(0.25),
    p75: at(0.75),
    min: s[0],
    max: s.at(-1),
    samples,
  };
}
export const round1 = (n) => Math.round(n * 10) / 10;

/**
 * Min/max downsampling: the time span is cut into equal buckets and each bucket keeps its lowest
 * and highest point (in time order), so spikes and dips survive while a series of any length
 * draws with at most `maxPoints` points. Pure: takes arrays, returns new arrays.
 */
export function downsampleMinMax(xs: readonly number[], ys: readonly number[], maxPoints: number): { x: number[]; y: number[] } {
  if (xs.length !== ys.length) throw new Error(`x and y differ in length (${xs.length} vs ${ys.length}).`);
  if (maxPoints < 4) throw new Error(`maxPoints must be at least 4, got ${maxPoints}.`);
  const n = xs.length;
  if (n <= maxPoints) return { x: [...xs], y: [...ys] };

  // The first and last runs are always kept so the chart spans the whole range; the runs between
  // them fill the remaining budget two (min and max) per bucket.
  const buckets = Math.floor((maxPoints - 2) / 2);
  const first = xs[0]!;
  const span = xs[n - 1]! - first;
  const x: number[] = [first];
  const y: number[] = [ys[0]!];
  let i = 1;
  for (let b = 0; b < buckets && i < n - 1; b++) {
    const end = b === buckets - 1 ? Infinity : first + (span * (b + 1)) / buckets;
    let minAt = -1;
    let maxAt = -1;
    for (; i < n - 1 && xs[i]! < end; i++) {
      if (minAt < 0 || ys[i]! < ys[minAt]!) minAt = i;
      if (maxAt < 0 || ys[i]! > ys[maxAt]!) maxAt = i;
    }
    if (minAt < 0) continue;
    const [a, c] = minAt <= maxAt ? [minAt, maxAt] : [maxAt, minAt];
    x.push(xs[a]!);
    y.push(ys[a]!);
    if (c !== a) {
      x.push(xs[c]!);
      y.push(ys[c]!);
    }
  }
  x.push(xs[n - 1]!);
  y.push(ys[n - 1]!);
  return { x, y };
}

/**
 * Puts several downsampled series on one shared, sorted x axis (as uPlot wants), with null where a
 * series has no point at that x.
 */
export function alignSeries(series: readonly { x: readonly number[]; y: readonly number[] }[]): { x: number[]; ys: (number | null)[][] } {
  const x = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const at = new Map(x.map((v, i) => [v, i]));
  const ys = series.map((s) => {
    const out: (number | null)[] = new Array(x.length).fill(null);
    s.x.forEach((v, i) => {
      out[at.get(v)!] = s.y[i]!;
    });
    return out;
  });
  return { x, ys };
}

/** Edit distance, for "did you mean": typos in pod names are usually one or two characters. */
function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * The names closest to what was typed: those sharing its beginning (a generated pod name
 * under a typo'd workload name) or within a few edits of it, best first.
 */
export function nearestNames(asked: string, names: Iterable<string>, limit = 5): string[] {
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(names)) {
    const prefixLength = Math.min(asked.length, name.length);
    const comparable = name.slice(0, Math.max(asked.length, prefixLength));
    const score = Math.min(distance(asked, name), distance(asked, comparable));
    if (score <= Math.max(2, Math.floor(asked.length / 3)) || name.includes(asked)) scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}

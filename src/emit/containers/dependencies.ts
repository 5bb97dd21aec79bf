/**
 * Start order from flows. A caller waits for what it calls; compose refuses a
 * cycle in `depends_on` and systemd breaks ordering cycles at random, so the
 * edges that close a cycle are dropped, found by one depth-first walk in
 * document order (linear in containers plus flows).
 */
export function acyclicEdges(order: readonly string[], edges: ReadonlyMap<string, readonly string[]>): { kept: Map<string, string[]>; dropped: Array<{ from: string; to: string }> } {
  const state = new Map<string, 1 | 2>(); // 1: on the walk's path, 2: done
  const kept = new Map<string, string[]>();
  const dropped: Array<{ from: string; to: string }> = [];
  for (const root of order) {
    if (state.has(root)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    state.set(root, 1);
    kept.set(root, []);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const targets = edges.get(top.node) ?? [];
      if (top.next >= targets.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const target = targets[top.next] ?? '';
      top.next += 1;
      const seen = state.get(target);
      if (seen === 1) {
        dropped.push({ from: top.node, to: target });
        continue;
      }
      kept.get(top.node)?.push(target);
      if (seen === undefined) {
        state.set(target, 1);
        kept.set(target, []);
        stack.push({ node: target, next: 0 });
      }
    }
  }
  return { kept, dropped };
}

/**
 * Latin fragments (paths, file names, codes, versions, hashes) inside a Persian sentence must be
 * isolated, or the bidi algorithm scatters their slashes and dots («tmp/ui/wb/»). A sentence is
 * cut into runs; each `ltr` run is drawn in its own <bdi dir="ltr"> (BidiText.svelte, Ltr.svelte).
 */
export type BidiRun = { text: string; ltr: boolean };

/** «…» quoted text that is a path or all Latin: the whole quotation reads left to right. */
const QUOTED = /«([^«»]*)»/g;
/** A bare Latin fragment: a path, a code (R-T04-03, G01), a version (1403.1), a hash. */
const BARE = /(?:[A-Za-z]:)?[\\/~]?[A-Za-z0-9_][\w.\-\\/:+@#]*[\w\\/]|[\\/][\w.\-\\/]+|[A-Za-z0-9]/g;

/** Whether a quotation's content reads left to right: a path, or no Persian letter in it. */
export function isLatinFragment(text: string): boolean {
  if (text.trim() === '') return false;
  return /[\\/]/.test(text) || !/[\u0600-\u06FF]/.test(text);
}

/** The runs of `text`, in order; joining their texts gives `text` back. */
export function bidiRuns(text: string): BidiRun[] {
  const runs: BidiRun[] = [];
  const push = (t: string, ltr: boolean) => {
    if (t === '') return;
    const last = runs[runs.length - 1];
    if (last && last.ltr === ltr && !ltr) last.text += t;
    else runs.push({ text: t, ltr });
  };
  const bare = (t: string) => {
    let at = 0;
    for (const m of t.matchAll(BARE)) {
      push(t.slice(at, m.index), false);
      push(m[0], true);
      at = m.index + m[0].length;
    }
    push(t.slice(at), false);
  };
  let at = 0;
  for (const m of text.matchAll(QUOTED)) {
    if (!isLatinFragment(m[1])) continue;
    bare(text.slice(at, m.index));
    push('«', false);
    push(m[1], true);
    push('»', false);
    at = m.index + m[0].length;
  }
  bare(text.slice(at));
  return runs;
}

// Reading a unified diff (git's or diff -u's) into lines with their old and new numbers, and a small
// tokenizer that picks out what a reader's eye looks for in code of any common language. Not a
// parser: it only has to colour, and a wrong colour on an odd line costs nothing.

export interface DiffLine {
  kind: 'meta' | 'hunk' | 'add' | 'del' | 'context' | 'note';
  /** Without the leading +, - or space of a change line. */
  text: string;
  oldNumber: number | null;
  newNumber: number | null;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;
const META = /^(diff --git |index |--- |\+\+\+ |new file mode|deleted file mode|similarity |rename |old mode|new mode)/;

export function parseDiff(text: string): { files: string[]; lines: DiffLine[] } {
  const files: string[] = [];
  const lines: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const raw of text.replace(/\n$/, '').split('\n')) {
    const hunk = HUNK.exec(raw);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      lines.push({ kind: 'hunk', text: raw, oldNumber: null, newNumber: null });
      continue;
    }
    if (raw.startsWith('diff --git ')) inHunk = false;
    if (!inHunk && META.test(raw)) {
      const file = /^\+\+\+ (?:b\/)?(.+)$/.exec(raw)?.[1];
      if (file && file !== '/dev/null') files.push(file);
      lines.push({ kind: 'meta', text: raw, oldNumber: null, newNumber: null });
      continue;
    }
    if (inHunk && raw.startsWith('+')) {
      lines.push({ kind: 'add', text: raw.slice(1), oldNumber: null, newNumber: newLine++ });
    } else if (inHunk && raw.startsWith('-')) {
      lines.push({ kind: 'del', text: raw.slice(1), oldNumber: oldLine++, newNumber: null });
    } else if (inHunk && raw.startsWith(' ')) {
      lines.push({ kind: 'context', text: raw.slice(1), oldNumber: oldLine++, newNumber: newLine++ });
    } else {
      lines.push({ kind: 'note', text: raw, oldNumber: null, newNumber: null });
    }
  }
  return { files, lines };
}

export interface Token {
  kind: 'plain' | 'comment' | 'string' | 'number' | 'keyword';
  text: string;
}

const KEYWORDS = new Set(
  (
    'as async await break case catch class const continue def default do elif else enum export extends false ' +
    'final fn for from func function if impl import in interface let match mut new nil none null package pass ' +
    'pub return self static struct super switch this throw true try type use var void while with yield'
  ).split(' '),
);

const TOKEN =
  /(\/\/.*$|#.*$|\/\*.*?\*\/|--\s.*$)|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`)|(\b\d[\d_.]*\b)|([A-Za-z_]\w*)/g;

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const push = (kind: Token['kind'], text: string) => {
    const prev = tokens.at(-1);
    if (prev && prev.kind === kind) prev.text += text;
    else tokens.push({ kind, text });
  };
  for (const match of line.matchAll(TOKEN)) {
    if (match.index > last) push('plain', line.slice(last, match.index));
    const [text, comment, string, number, word] = match;
    if (comment) push('comment', text);
    else if (string) push('string', text);
    else if (number) push('number', text);
    else push(word && KEYWORDS.has(word) ? 'keyword' : 'plain', text);
    last = match.index + text.length;
  }
  if (last < line.length) push('plain', line.slice(last));
  return tokens;
}

// A unified diff as people read it in review: the files it touches, each line with its old and new
// line numbers, added and removed lines coloured, and the code in them highlighted (comments,
// strings, numbers, keywords). The +/- marks stay in the text, so the change reads without colour.
import { parseDiff, tokenize, type DiffLine } from './diff-parse';

function Code({ text }: { text: string }) {
  return (
    <>
      {tokenize(text).map((token, n) =>
        token.kind === 'plain' ? (
          token.text
        ) : (
          <span key={n} className={`tok-${token.kind}`}>
            {token.text}
          </span>
        ),
      )}
    </>
  );
}

function Line({ line }: { line: DiffLine }) {
  const mark = line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : line.kind === 'context' ? ' ' : '';
  return (
    <div className={`diff-line diff-${line.kind}`}>
      <span className="diff-num" aria-hidden="true">
        {line.oldNumber ?? ''}
      </span>
      <span className="diff-num" aria-hidden="true">
        {line.newNumber ?? ''}
      </span>
      <span className="diff-text">
        {mark}
        {line.kind === 'meta' || line.kind === 'hunk' ? line.text : <Code text={line.text} />}
      </span>
    </div>
  );
}

export function DiffView({ text, title }: { text: string; title: string }) {
  const { files, lines } = parseDiff(text);
  const added = lines.filter((l) => l.kind === 'add').length;
  const removed = lines.filter((l) => l.kind === 'del').length;
  return (
    <figure className="diff-view" data-testid="approval-diff">
      <figcaption>
        {files.length > 0 ? files.join(', ') : title}{' '}
        <span className="diff-stat">
          <span className="diff-stat-add">+{added}</span> <span className="diff-stat-del">−{removed}</span>
        </span>
      </figcaption>
      {/* Scrolls sideways for long lines, so it must be reachable from the keyboard. */}
      <div className="diff-body" tabIndex={0} role="region" aria-label={`Changes: ${title}`}>
        {lines.map((line, n) => (
          <Line key={n} line={line} />
        ))}
      </div>
    </figure>
  );
}

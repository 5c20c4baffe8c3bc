// The pipeline editor: the task's `pipeline` as pretty-printed JSON in a textarea. A JSON syntax
// error is caught here as the user types; the server's pipeline issues arrive as `error`.
import { Field } from '../../components/field';
import { parsePipeline, PIPELINE_EXAMPLE } from './pipeline-text';

interface PipelineFieldProps {
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

export function PipelineField({ value, error, onChange }: PipelineFieldProps) {
  const parsed = parsePipeline(value);
  const shown = 'syntaxError' in parsed ? parsed.syntaxError : error;
  return (
    <Field
      name="pipeline"
      label="Steps (JSON)"
      error={shown}
      className="span-2"
      hint={`The pipeline run on each run; tools: shell.exec (with argv, cwd, env, timeout_ms) and wait (with ms). Example: ${PIPELINE_EXAMPLE}`}
    >
      {(a11y) => (
        <textarea
          {...a11y}
          name="pipeline"
          className="mono"
          rows={Math.min(14, Math.max(3, value.split('\n').length))}
          spellCheck={false}
          placeholder={PIPELINE_EXAMPLE}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

// The pipeline editor's form view: the real tools' input schemas (as tools.list gives them) become
// form fields; a simple pipeline goes text -> form -> text unchanged in JSON and YAML; what the form
// cannot hold stays in the text with the reason.
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toolCatalog } from '../../../src-main/core/tools/registry';
import { validatePipeline } from '../../../src-main/core/pipeline/spec';
import { findTool } from '../../../src-main/core/tools/registry';
import {
  formatOf,
  formModelOf,
  formOfSchema,
  inputOfValue,
  newStepId,
  pipelineOfModel,
  textOfModel,
  valueOfInput,
  type FormModel,
} from '../../../src-renderer/src/features/task-form/pipeline-form-model';

const catalog = toolCatalog();
const schemas = new Map(catalog.map((t) => [t.name, t.inputSchema]));
const schemaOf = (name: string) => schemas.get(name)!;

function modelOf(text: string): FormModel {
  const read = formModelOf(text, schemas);
  if ('reason' in read) throw new Error(read.reason);
  return read.model;
}

const simple = {
  params: { city: { type: 'string', required: true } },
  steps: [
    {
      id: 'fetch',
      uses: 'http.request',
      with: { method: 'GET', url: 'https://wttr.in/${params.city}', timeout_ms: 5000 },
    },
    { id: 'say', uses: 'shell.exec', with: { argv: ['echo', '${steps.fetch.body}'] } },
    { id: 'tell', uses: 'notify.send', with: { title: 'Weather', body: 'Line one\nline two' } },
  ],
};

describe('formOfSchema', () => {
  it('turns the shell tool schema into a required list of lines and optional text and number fields', () => {
    const form = formOfSchema(schemaOf('shell.exec'));
    expect(form.fields[0]).toMatchObject({ name: 'argv', kind: 'lines', required: true });
    expect(form.fields.find((f) => f.name === 'cwd')).toMatchObject({ kind: 'text', required: false });
    expect(form.fields.find((f) => f.name === 'timeout_ms')).toMatchObject({ kind: 'integer' });
    // env is a map and permanent_exit_codes a list of numbers: set in the text.
    expect(form.textOnly).toEqual(['env', 'permanent_exit_codes']);
  });

  it('offers an enum as a choice with the default shown, and a boolean as yes/no', () => {
    const http = formOfSchema(schemaOf('http.request'));
    expect(http.fields.find((f) => f.name === 'method')).toMatchObject({
      kind: 'choice',
      options: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      defaultValue: 'GET',
      required: false,
    });
    expect(http.textOnly).toContain('headers');
    const git = formOfSchema(schemaOf('git'));
    expect(git.fields[0]).toMatchObject({ name: 'action', kind: 'choice', required: true });
    expect(formOfSchema({ type: 'object', properties: { dry: { type: 'boolean' } } }).fields[0]!.kind).toBe('boolean');
  });

  it('gives every built-in tool a form with at least one field', () => {
    for (const tool of catalog) expect(formOfSchema(tool.inputSchema).fields.length, tool.name).toBeGreaterThan(0);
  });
});

describe('text -> form -> text', () => {
  it('gives back the same pipeline as JSON, and the same text when written by the form', () => {
    const text = JSON.stringify(simple, null, 2);
    expect(formatOf(text)).toBe('json');
    const model = modelOf(text);
    expect(model.steps.map((s) => s.id)).toEqual(['fetch', 'say', 'tell']);
    expect(textOfModel(model, 'json')).toBe(text);
  });

  it('keeps YAML as YAML, with the same pipeline', () => {
    const yamlText =
      'steps:\n  - id: say\n    uses: shell.exec\n    with:\n      argv:\n        - echo\n        - hi\n';
    expect(formatOf(yamlText)).toBe('yaml');
    const back = textOfModel(modelOf(yamlText), 'yaml');
    expect(back).toBe(yamlText);
    expect(parseYaml(back)).toEqual(parseYaml(yamlText));
  });

  it('makes a pipeline the runtime accepts from steps added, filled, reordered and removed in the form', () => {
    const model = modelOf('');
    const shell = formOfSchema(schemaOf('shell.exec')).fields.find((f) => f.name === 'argv')!;
    const timeout = formOfSchema(schemaOf('shell.exec')).fields.find((f) => f.name === 'timeout_ms')!;
    model.steps.push({ id: newStepId('shell.exec', model.steps), uses: 'shell.exec', with: {} });
    model.steps.push({ id: newStepId('shell.exec', model.steps), uses: 'shell.exec', with: {} });
    model.steps.push({ id: newStepId('notify.send', model.steps), uses: 'notify.send', with: { title: 'Done' } });
    expect(model.steps.map((s) => s.id)).toEqual(['exec', 'exec_2', 'send']);
    model.steps[0]!.with.argv = valueOfInput(shell, 'echo\nhello world');
    model.steps[0]!.with.timeout_ms = valueOfInput(timeout, '5000');
    model.steps[1]!.with.timeout_ms = valueOfInput(timeout, '${params.limit}');
    model.steps.splice(1, 1);
    model.steps.reverse();
    const pipeline = pipelineOfModel(model);
    expect(pipeline.steps).toEqual([
      { id: 'send', uses: 'notify.send', with: { title: 'Done' } },
      { id: 'exec', uses: 'shell.exec', with: { argv: ['echo', 'hello world'], timeout_ms: 5000 } },
    ]);
    expect(validatePipeline(pipeline, findTool)).toMatchObject({ ok: true, issues: [] });
    expect(inputOfValue(model.steps[1]!.with.argv)).toBe('echo\nhello world');
  });

  it('leaves empty fields out so the tool defaults apply', () => {
    const model = modelOf(JSON.stringify({ steps: [{ id: 'a', uses: 'shell.exec', with: { argv: ['ls'] } }] }));
    model.steps[0]!.with.cwd = '';
    model.steps[0]!.with.argv = valueOfInput(formOfSchema(schemaOf('shell.exec')).fields[0]!, '');
    expect(pipelineOfModel(model).steps[0]).toEqual({ id: 'a', uses: 'shell.exec' });
  });
});

describe('pipelines too complex for the form', () => {
  const reasonOf = (pipeline: unknown): string => {
    const read = formModelOf(typeof pipeline === 'string' ? pipeline : JSON.stringify(pipeline), schemas);
    return 'reason' in read ? read.reason : '(none)';
  };

  it('says which step and which part keeps it in the text', () => {
    expect(reasonOf({ steps: [{ id: 'a', uses: 'shell.exec', with: { argv: ['ls'] }, if: 'params.x' }] })).toBe(
      'step 1 (a) has if, which the form does not edit',
    );
    expect(
      reasonOf({ steps: [{ id: 'a', uses: 'http.request', with: { url: 'https://x', headers: { A: 'b' } } }] }),
    ).toBe('step 1 (a): with.headers is more than a form field holds (text, a number, yes/no or lines)');
    expect(reasonOf({ steps: [{ id: 'a', uses: 'mcp.github.search', with: {} }] })).toBe(
      'step 1 (a) uses mcp.github.search, a tool the form does not know',
    );
    expect(reasonOf({ steps: [], concurrency: 2 })).toBe('it has concurrency besides steps and params');
    expect(reasonOf('{"steps": [')).toMatch(/^the text does not read yet \(Not valid JSON/);
    expect(reasonOf({ steps: [{ id: 'a', uses: 'http.request', with: { url: 'x', method: 'FETCH' } }] })).toMatch(
      /with\.method is more than a form field holds/,
    );
  });
});

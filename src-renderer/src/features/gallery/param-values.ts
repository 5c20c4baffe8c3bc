// The install form's param fields: text in the inputs, typed values for templates.install.
import type { TemplateParam } from '../../api/contract-types';

/** What an input shows for a param before the user edits it: its default, as text. */
export function initialText(param: TemplateParam): string {
  if (param.default === null || param.default === undefined) return '';
  if (param.type === 'string') return String(param.default);
  if (param.type === 'number' || param.type === 'boolean') return String(param.default);
  return JSON.stringify(param.default);
}

export type ParamsResult = { params: Record<string, unknown> } | { errors: Record<string, string> };

/**
 * The params to send: every field whose text differs from its default, read as the param's type.
 * An empty field is left out, so a required param with no value is reported by the host by name.
 */
export function paramsFromText(params: readonly TemplateParam[], text: Record<string, string>): ParamsResult {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const param of params) {
    const raw = (text[param.name] ?? initialText(param)).trim();
    if (raw === '' || raw === initialText(param)) continue;
    const read = readValue(param, raw);
    if ('error' in read) errors[param.name] = read.error;
    else values[param.name] = read.value;
  }
  return Object.keys(errors).length > 0 ? { errors } : { params: values };
}

function readValue(param: TemplateParam, raw: string): { value: unknown } | { error: string } {
  switch (param.type) {
    case 'string':
      return { value: raw };
    case 'number': {
      const value = Number(raw);
      return Number.isFinite(value) ? { value } : { error: 'must be a number' };
    }
    case 'boolean':
      return raw === 'true' || raw === 'false' ? { value: raw === 'true' } : { error: 'must be true or false' };
    case 'array':
    case 'object': {
      try {
        const value: unknown = JSON.parse(raw);
        const isArray = Array.isArray(value);
        const fits = param.type === 'array' ? isArray : typeof value === 'object' && value !== null && !isArray;
        return fits ? { value } : { error: `must be a JSON ${param.type}` };
      } catch {
        return { error: `must be a JSON ${param.type}` };
      }
    }
    default: {
      const never: never = param.type;
      return { error: `has an unknown type ${String(never)}` };
    }
  }
}

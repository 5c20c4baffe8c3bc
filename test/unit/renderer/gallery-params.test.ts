// The gallery's install form: param text read as each param's type, defaults left to the template.
import { describe, expect, it } from 'vitest';
import type { TemplateParam } from '../../../src-renderer/src/api/contract-types';
import { initialText, paramsFromText } from '../../../src-renderer/src/features/gallery/param-values';

const param = (name: string, type: TemplateParam['type'], defaultValue: unknown = null): TemplateParam => ({
  name,
  type,
  description: null,
  default: defaultValue,
  required: defaultValue === null,
});

const params = [
  param('backup_dir', 'string'),
  param('max_disk_used_percent', 'number', 90),
  param('test_command', 'array', ['npm', 'test']),
  param('dry', 'boolean', false),
];

describe('gallery params', () => {
  it('shows defaults as text', () => {
    expect(params.map(initialText)).toEqual(['', '90', '["npm","test"]', 'false']);
  });

  it('sends only the values that differ from the defaults, typed', () => {
    expect(paramsFromText(params, { backup_dir: ' /srv/backups ', max_disk_used_percent: '85' })).toEqual({
      params: { backup_dir: '/srv/backups', max_disk_used_percent: 85 },
    });
    expect(paramsFromText(params, { test_command: '["make", "check"]', dry: 'true' })).toEqual({
      params: { test_command: ['make', 'check'], dry: true },
    });
    expect(paramsFromText(params, {})).toEqual({ params: {} });
  });

  it('names each field whose text is not of its type', () => {
    expect(paramsFromText(params, { max_disk_used_percent: 'ninety', test_command: '{"a":1}', dry: 'maybe' })).toEqual({
      errors: {
        max_disk_used_percent: 'must be a number',
        test_command: 'must be a JSON array',
        dry: 'must be true or false',
      },
    });
  });
});

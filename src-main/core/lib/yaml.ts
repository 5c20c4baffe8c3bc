// The YAML library, loaded the first time something reads or writes YAML (pipeline text that is
// not JSON, a task file imported or exported): a host that never does keeps its 72 modules, 0.8 MB
// of heap, out of memory. A synchronous require, so its callers stay synchronous.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  loaded ??= createRequire(__filename)('yaml') as typeof Yaml;
  return loaded;
}

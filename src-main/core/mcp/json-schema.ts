// Turns the JSON Schemas an MCP server lists for its tools into zod schemas, so that runTool checks
// an MCP tool's input and output like any built-in tool's, and its errors name the field.
//
// zod's own converter covers what MCP servers emit (type, properties, required, items, enum,
// const, anyOf/oneOf, additionalProperties, numeric and string bounds, local $refs). A schema it
// cannot express (if/then/else, not, dependentSchemas ...) is checked by the SDK's JSON Schema
// validator instead; its errors then name the field in the validator's own words.
import { createRequire } from 'node:module';
import type { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

type AjvModule = typeof import('@modelcontextprotocol/sdk/validation/ajv');

let fallbackValidator: AjvJsonSchemaValidator | undefined;

// ajv and its formats (about 1 MB of heap) load with the first schema zod cannot express, which few
// servers list. The conversion is synchronous, so the module is required, not imported.
function fallback(): AjvJsonSchemaValidator {
  if (!fallbackValidator) {
    const { AjvJsonSchemaValidator } = createRequire(__filename)(
      '@modelcontextprotocol/sdk/validation/ajv',
    ) as AjvModule;
    fallbackValidator = new AjvJsonSchemaValidator();
  }
  return fallbackValidator;
}

export function zodFromJsonSchema(schema: JsonSchema): z.ZodType {
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    return validatedBy(schema);
  }
}

function validatedBy(schema: JsonSchema): z.ZodType {
  const validate = fallback().getValidator(schema);
  return z.unknown().superRefine((value, ctx) => {
    const result = validate(value);
    if (!result.valid) ctx.addIssue({ code: 'custom', message: `does not match its schema: ${result.errorMessage}` });
  });
}

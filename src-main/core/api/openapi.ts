// The OpenAPI 3.1 document of the HTTP API, generated from the contract: each call's zod input
// schema, and its output schema where output-schemas.ts gives one (a permissive schema, saying so,
// for the rest). Served at GET /api/openapi.json behind the API's token.
import { z } from 'zod';
import { callNames, calls, type CallName } from './contract';
import { errorCodes } from '../lib/errors';
import {
  approvalOutput,
  eventListOutput,
  queueStatusOutput,
  runDetailsOutput,
  runLogLineOutput,
  runOutput,
  runPageOutput,
  schedulerStatusOutput,
  taskExportOutput,
  taskImportOutput,
  taskOutput,
  taskPageOutput,
  usageSummaryOutput,
  webhookInfoOutput,
} from './output-schemas';
import {
  taskProgressLogOutput,
  contextVersionOutput,
  taskContextOutput,
  taskOccurrencesOutput,
  occurrencesOverviewOutput,
} from './memory-output-schemas';
import { ratingExportOutput, ratingOutput, ratingPageOutput } from './feedback-output-schemas';
import { mcpImportOutput, wakeStatusOutput, templateCheckOutput, testStepOutput } from './setup-output-schemas';

const deleted = z.strictObject({ id: z.string() });
const appInfo = z.strictObject({
  version: z.string(),
  host: z.string(),
  dataDir: z.string(),
  displayTimezone: z.string(),
});

export const outputSchemas: Partial<Record<CallName, z.ZodType>> = {
  'app.info': appInfo,
  'system.wake': wakeStatusOutput,
  'tasks.create': taskOutput,
  'tasks.get': taskOutput,
  'tasks.list': taskPageOutput,
  'tasks.update': taskOutput,
  'tasks.delete': deleted,
  'tasks.pause': taskOutput,
  'tasks.resume': taskOutput,
  'tasks.runNow': runOutput,
  'tasks.snooze': taskOutput,
  'tasks.trigger': runOutput,
  'tasks.webhook': webhookInfoOutput,
  'webhooks.receive': runOutput,
  'tasks.export': taskExportOutput,
  'tasks.occurrences': taskOccurrencesOutput,
  'occurrences.summary': occurrencesOverviewOutput,
  'tasks.import': taskImportOutput,
  'runs.list': runPageOutput,
  'runs.get': runDetailsOutput,
  'ratings.set': ratingOutput,
  'ratings.list': ratingPageOutput,
  'ratings.export': ratingExportOutput,
  'runs.logs': z.array(runLogLineOutput),
  'runs.cancel': runOutput,
  'runs.retry': runOutput,
  'approvals.list': z.array(approvalOutput),
  'approvals.get': approvalOutput,
  'approvals.decide': approvalOutput,
  'queue.status': queueStatusOutput,
  'scheduler.status': schedulerStatusOutput,
  'scheduler.pause': schedulerStatusOutput,
  'scheduler.resume': schedulerStatusOutput,
  'projects.delete': deleted,
  'events.list': eventListOutput,
  'usage.summary': usageSummaryOutput,
  'templates.install': taskOutput,
  'mcp.importConfig': mcpImportOutput,
  'tasks.progress': taskProgressLogOutput,
  'tasks.context': taskContextOutput,
  'tasks.resetContext': contextVersionOutput,
  'templates.check': templateCheckOutput,
  'pipelines.testStep': testStepOutput,
};

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Checks zod cannot express in JSON Schema (custom checks, preprocessing) become "any value" here;
  // the API still applies them and names what is wrong.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['code', 'message', 'details'],
  properties: {
    code: { type: 'string', enum: [...errorCodes] },
    message: { type: 'string' },
    details: {
      type: 'object',
      description: 'For validation_failed: issues, each { path, message }.',
      additionalProperties: true,
    },
  },
  additionalProperties: false,
};

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const errorResponse = {
  description: 'The error, with a stable code',
  content: json({ $ref: '#/components/schemas/Error' }),
};

function operation(name: CallName): JsonSchema {
  const output = outputSchemas[name];
  return {
    operationId: name,
    requestBody: { required: false, content: json(schemaOf(calls[name].input, 'input')) },
    responses: {
      '200': {
        description: output ? 'The answer' : `The answer: see the ${name} output type in src-main/core/api/contract.ts`,
        content: json(output ? schemaOf(output, 'output') : { description: 'Not described here yet' }),
      },
      '4XX': errorResponse,
      '5XX': errorResponse,
    },
  };
}

export function buildOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, unknown> = {};
  for (const name of callNames) paths[`/api/${name}`] = { post: operation(name) };
  paths['/api/events'] = {
    get: {
      operationId: 'events',
      description: 'Push events as server-sent events: `event:` is the event name, `data:` its JSON.',
      responses: {
        '200': { description: 'The event stream', content: { 'text/event-stream': {} } },
        '4XX': errorResponse,
      },
    },
  };
  paths['/hooks/{id}'] = {
    post: {
      operationId: 'webhook',
      description:
        "A task's webhook: the JSON body becomes the run's params. Signed with the task's webhook secret, " +
        'not the API token: X-Ridgeline-Signature: sha256=<hex HMAC-SHA256 of the raw body>.',
      security: [],
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'X-Ridgeline-Signature', in: 'header', required: true, schema: { type: 'string' } },
      ],
      requestBody: { content: json({ type: 'object', additionalProperties: true }) },
      responses: {
        '202': { description: 'The queued run', content: json(schemaOf(runOutput, 'output')) },
        '4XX': errorResponse,
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ridgeline API',
      version,
      description: 'Every call of the API contract, as POST /api/<call name> with a JSON body.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token in the api-token file of the data directory',
        },
      },
      schemas: { Error: errorSchema },
    },
  };
}

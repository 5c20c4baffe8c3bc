import { describe, expect, it } from 'vitest';
import { knownSecrets, secretNamePattern } from '../../../../src-main/core/settings/secret-names';
import { settingsSchema } from '../../../../src-main/core/settings/schema';

describe('known secrets', () => {
  it("lists the keyed providers' API keys, a provider's own key name, and MCP servers' secrets", () => {
    const settings = settingsSchema.parse({
      providers: { openai: { apiKeySecret: 'work_openai' }, ollama: { apiKeySecret: 'ollama_proxy_key' } },
      mcpServers: [
        { name: 'github', command: 'gh-mcp', secretEnv: { GITHUB_TOKEN: 'github_token' } },
        { name: 'jira', command: 'jira-mcp', secretEnv: { JIRA_TOKEN: 'github_token' } },
        {
          name: 'linear',
          transport: 'http',
          url: 'https://mcp.linear.app/mcp',
          secretHeaders: { Authorization: 'linear_auth' },
        },
      ],
    });
    expect(Object.fromEntries(knownSecrets(settings))).toEqual({
      anthropic_api_key: ['Anthropic provider'],
      work_openai: ['OpenAI provider'],
      groq_api_key: ['Groq provider'],
      ollama_proxy_key: ['Ollama provider'],
      github_token: ['MCP server github (GITHUB_TOKEN)', 'MCP server jira (JIRA_TOKEN)'],
      linear_auth: ['MCP server linear (header Authorization)'],
    });
  });

  it('accepts names that also read as environment variables and nothing else', () => {
    expect(secretNamePattern.test('anthropic_api_key')).toBe(true);
    expect(secretNamePattern.test('GITHUB.token-2')).toBe(true);
    expect(secretNamePattern.test('has space')).toBe(false);
    expect(secretNamePattern.test('')).toBe(false);
    expect(secretNamePattern.test('a'.repeat(101))).toBe(false);
  });
});

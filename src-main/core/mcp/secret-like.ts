// Which environment variables and headers of an imported MCP server hold credentials, by their
// name or by how their value looks, so that their values go to the keychain and not the settings.

const secretWords = new Set([
  'TOKEN',
  'KEY',
  'APIKEY',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PAT',
  'CREDENTIAL',
  'CREDENTIALS',
  'AUTH',
  'COOKIE',
]);

const secretHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key']);

/** Prefixes of well-known token formats (GitHub, OpenAI, Anthropic, Slack, GitLab, AWS, Google, npm, JWTs). */
const tokenPrefix =
  /^(Bearer\s|Basic\s|Token\s|sk-|sk_|rk_|pk_live|ghp_|gho_|ghs_|ghu_|ghr_|github_pat_|xox[abposr]-|glpat-|AKIA|AIza|hf_|npm_|eyJ)/;

/** A long run of letters and digits with no spaces that is not a path or an address. */
function looksRandom(value: string): boolean {
  if (value.length < 24 || /\s/.test(value)) return false;
  if (/^[./~]|:\/\/|^[A-Za-z]:\\/.test(value)) return false;
  if (value.includes('/') && !value.endsWith('=')) return false;
  return /^[A-Za-z0-9_\-+=/.]+$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

export function valueLooksSecret(value: string): boolean {
  return tokenPrefix.test(value.trim()) || looksRandom(value.trim());
}

export function envLooksSecret(variable: string, value: string): boolean {
  const words = variable.toUpperCase().split(/[^A-Z0-9]+/);
  return (
    words.some((word) => secretWords.has(word)) || /API_?KEY|ACCESS_?KEY/i.test(variable) || valueLooksSecret(value)
  );
}

export function headerLooksSecret(header: string, value: string): boolean {
  const name = header.toLowerCase();
  return secretHeaders.has(name) || /token|secret|key|auth|password/.test(name) || valueLooksSecret(value);
}

import type { z } from 'zod';

export class ConfigError extends Error {
  readonly issues: { variable: string; problem: string }[];
  constructor(issues: { variable: string; problem: string }[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.variable} ${i.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export type Env = Record<string, string | undefined>;

/** Parses the environment against a process's schema; throws one ConfigError naming every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  // Empty strings count as unset so `FOO=` in an env file behaves like a missing line.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(root)'),
    problem:
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
  }));
  throw new ConfigError(issues);
}

/** For main.ts: a bad environment stops the process with one line naming each bad variable. */
export function loadOrExit<T>(load: (env: Env) => T, env: Env = process.env): T {
  try {
    return load(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

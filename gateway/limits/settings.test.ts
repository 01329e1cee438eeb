// The limits are settings: read from the environment (GATEWAY_MAX_*, GATEWAY_ANONYMOUS_MAX_*)
// with the defaults of settings.ts, and refused when not a positive whole number.
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../lib/config.js';
import { DEFAULT_OPERATION_LIMITS, OPERATION_LIMIT_SETTINGS, anonymousVariable } from './settings.js';

describe('operation limit settings', () => {
  it('default to settings.ts and are listed among the configuration variables', () => {
    expect(loadConfig({}).gateway.operationLimits).toEqual(DEFAULT_OPERATION_LIMITS);
    for (const setting of OPERATION_LIMIT_SETTINGS) {
      expect(CONFIG_VARIABLES).toContain(setting.variable);
      expect(CONFIG_VARIABLES).toContain(anonymousVariable(setting.variable));
    }
  });

  it('are read per audience from the environment', () => {
    const limits = loadConfig({ GATEWAY_MAX_DEPTH: '9', GATEWAY_MAX_COST: '1000', GATEWAY_ANONYMOUS_MAX_COST: '10' }).gateway.operationLimits;
    expect(limits.authenticated).toEqual({ ...DEFAULT_OPERATION_LIMITS.authenticated, maxDepth: 9, maxCost: 1000 });
    expect(limits.anonymous).toEqual({ ...DEFAULT_OPERATION_LIMITS.anonymous, maxCost: 10 });
  });

  it('refuse what is not a positive whole number, listing every problem', () => {
    let refusal: unknown;
    try {
      loadConfig({ GATEWAY_MAX_DEPTH: 'deep', GATEWAY_ANONYMOUS_MAX_TOKENS: '0', GATEWAY_MAX_ALIASES: '2.5' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConfigError);
    expect([...(refusal as ConfigError).problems].sort()).toEqual([
      'GATEWAY_ANONYMOUS_MAX_TOKENS: must be at least 1',
      'GATEWAY_MAX_ALIASES: must be a whole number',
      'GATEWAY_MAX_DEPTH: must be a number',
    ]);
  });
});

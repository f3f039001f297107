import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { RuleFunction } from '../inspection';

/** @public */
export interface KubemateRuleFunctionsExtensionPoint {
  /** CEL functions (`signature`, `handler`) available to every rule, the escape hatch for relational checks. */
  addRuleFunction(...functions: RuleFunction[]): void;
}

/**
 * Adds CEL functions to the rule environment, beside the built-in ones. A signature that is
 * already registered is refused when the plugin starts.
 *
 * @public
 */
export const kubemateRuleFunctionsExtensionPoint =
  createExtensionPoint<KubemateRuleFunctionsExtensionPoint>({
    id: 'kubemate.rule-functions',
  });

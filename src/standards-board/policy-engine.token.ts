export const POLICY_ENGINE = Symbol('POLICY_ENGINE');

import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export type PolicyProblem = 'too_short' | 'too_long' | 'common' | 'contains_username' | 'reused';

/**
 * NIST SP 800-63B style: length and a deny list, no composition rules. Returns every problem
 * found, empty when the password is acceptable.
 */
export function checkPasswordPolicy(password: string, username?: string): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push('too_short');
  if (length > MAX_PASSWORD_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) problems.push('common');
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('contains_username');
  return problems;
}

const MESSAGES: Record<PolicyProblem, string> = {
  too_short: `use at least ${MIN_PASSWORD_LENGTH} characters (a few unrelated words work well)`,
  too_long: `use at most ${MAX_PASSWORD_LENGTH} characters`,
  common: 'this password is too common; choose one that is not on lists of leaked passwords',
  contains_username: 'do not include the username',
  reused: 'choose a password different from the current one',
};

export function describePolicyProblems(problems: PolicyProblem[]): string {
  return `The new password does not meet the policy: ${problems.map((p) => MESSAGES[p]).join('; ')}.`;
}

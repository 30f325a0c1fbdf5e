// The generic rule kinds a profile can use, by the name it writes in `evaluator:`.
import type { EvaluatorName } from '../profileTypes';
import { evaluateCapability } from './capability';
import type { Evaluator } from './context';
import { evaluateCount } from './count';
import { evaluateFinding } from './finding';
import { evaluateMatch } from './match';
import { evaluateRatio } from './ratio';
import { evaluateStaleness } from './staleness';

export const EVALUATORS: Record<EvaluatorName, Evaluator> = {
  staleness: evaluateStaleness,
  ratio: evaluateRatio,
  count: evaluateCount,
  capability: evaluateCapability,
  finding: evaluateFinding,
  match: evaluateMatch,
};

/** The parameters each evaluator needs (checked when a profile is loaded). */
export const REQUIRED_PARAMETERS: Record<EvaluatorName, string[][]> = {
  // each inner list: all of these; the outer list: any one of the alternatives
  staleness: [['fact', 'window']],
  ratio: [['numerator', 'denominator', 'threshold']],
  count: [
    ['fact', 'threshold'],
    ['select', 'threshold'],
  ],
  capability: [['fact']],
  finding: [[]],
  match: [['where']],
};

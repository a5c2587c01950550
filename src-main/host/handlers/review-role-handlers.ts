import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type ReviewRoleMethods = Extract<keyof HandlerTable, `reviews.${string}`>;

export function reviewRoleHandlers(services: Services): Pick<HandlerTable, ReviewRoleMethods> {
  const { reviews } = services;
  return {
    'reviews.start': (input) => reviews.start(input),
    'reviews.reviewAgain': ({ reviewTaskId }) => reviews.reviewAgain(reviewTaskId),
    'reviews.overview': ({ taskId }) => reviews.overview(taskId),
    'reviews.sendFindings': ({ findingIds }) => reviews.sendFindings(findingIds),
    'reviews.dismissFinding': ({ findingId, reason }) => reviews.dismissFinding(findingId, reason),
  };
}

export { AttentionBadge } from './AttentionBadge';
export { syncNotifications } from './notifications-sync';
